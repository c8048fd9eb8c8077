import type { AuditEntryView, Page } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';

describe('audit search', () => {
  let t: TestApp;
  let a: StreetFixture;
  let b: StreetFixture;
  let root: TestUser;
  let leaderA: TestUser;
  let startedAt: string;

  beforeAll(async () => {
    t = await startApp();
    a = await createStreet(t, 'AA');
    b = await createStreet(t, 'AB', 115);
    root = await createUser(t, 'root', 'admin', { kind: 'district' });
    leaderA = await createUser(t, 'leader-a', 'leader', { kind: 'street', streetId: a.street.id });
    const adminB = await createUser(t, 'admin-b', 'admin', { kind: 'street', streetId: b.street.id });
    await createUser(t, 'duty-a', 'duty_officer', { kind: 'street', streetId: a.street.id });
    startedAt = new Date(Date.now() - 1000).toISOString();
    // Activity on both streets: logins, failures, and writes carrying personal data.
    await login(t, 'duty-a', TEST_PASSWORD);
    await http(t.url).post('/api/auth/login', { username: 'duty-a', password: 'wrong' });
    await http(t.url).post('/api/auth/login', { username: 'admin-b', password: 'wrong' });
    await http(t.url).post('/api/auth/login', { username: 'nobody', password: 'wrong' }); // no street
    for (const [api, f, name] of [
      [http(t.url, root.token), a, 'worker-a'],
      [http(t.url, adminB.token), b, 'worker-b'],
    ] as const) {
      const res = await api.post('/api/users', {
        username: name,
        displayName: '网格员',
        role: 'grid_worker',
        scope: { kind: 'grids', streetId: f.street.id, gridIds: [f.grids[0]!.id] },
        phone: '13812345678',
        password: 'Initial#2026ab',
      });
      expect(res.status).toBe(201);
    }
    await t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
      ctx.audit({
        action: 'household.update',
        objectType: 'household',
        objectId: 'h-1',
        before: { name: '张三丰', idNumber: '420102199001011234', phone: '13912345678' },
        after: { name: '张三丰', note: '联系 13912345678，身份证 42010219900101123X' },
        streetId: a.street.id,
      });
    });
  });
  afterAll(() => t.close());

  const search = (token: string, query = '') => http(t.url, token).get<Page<AuditEntryView>>(`/api/audit${query}`);

  it('lets a leader search their own street only, and an administrator everything', async () => {
    const mine = await search(leaderA.token, '?limit=500');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((r) => r.streetId === a.street.id)).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);
    expect(mine.body.seq).toEqual(expect.any(Number));
    const all = await search(root.token, '?limit=500');
    const streets = new Set(all.body.items.map((r) => r.streetId));
    expect(streets).toEqual(new Set([a.street.id, b.street.id, null]));
    // Newest first.
    const times = all.body.items.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by action (exact or prefix), result, actor, object and time, and pages', async () => {
    const failed = await search(root.token, '?action=auth.login&result=failed');
    expect(failed.body.items.map((r) => r.actorName).sort()).toEqual(['admin-b', 'duty-a', 'nobody']);
    const prefix = await search(root.token, '?action=auth.*');
    expect(new Set(prefix.body.items.map((r) => r.action))).toEqual(new Set(['auth.login']));
    const byName = await search(root.token, '?actor=root');
    expect(byName.body.items.map((r) => r.action)).toEqual(['user.create']);
    const byId = await search(root.token, `?actor=${root.user.id}`);
    expect(byId.body.total).toBe(byName.body.total);
    const byObject = await search(leaderA.token, '?objectType=household&objectId=h-1');
    expect(byObject.body.total).toBe(1);
    const future = await search(root.token, `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.total).toBe(0);
    const window = await search(
      root.token,
      `?from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}&limit=2&offset=1`,
    );
    expect(window.body.items).toHaveLength(2);
    expect(window.body.total).toBeGreaterThanOrEqual(6);
    const bad = await http(t.url, root.token).get('/api/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('masks personal data inside before/after/detail, whoever reads', async () => {
    const res = await search(leaderA.token, '?limit=500');
    expect(unmaskedPii(res.body)).toEqual([]);
    const household = res.body.items.find((r) => r.objectType === 'household')!;
    expect(household.before).toEqual({ name: '张*丰', idNumber: '420102********1234', phone: '139****5678' });
    expect((household.after as { note: string }).note).toBe('联系 139****5678，身份证 420102********123X');
    const created = res.body.items.find((r) => r.action === 'user.create')!;
    expect((created.after as { phone: string }).phone).toBe('138****5678');
    // The stored rows are complete: the masking is for display.
    const [raw] = await t.app.get(DataSource).query("SELECT before FROM audit_log WHERE object_type = 'household'");
    expect(raw.before.idNumber).toBe('420102199001011234');
  });

  it('is closed to roles without audit.read and to anonymous callers', async () => {
    const duty = await createUser(t, 'duty-x', 'duty_officer', { kind: 'street', streetId: a.street.id });
    expect((await search(duty.token)).status).toBe(403);
    expect((await http(t.url).get('/api/audit')).status).toBe(401);
  });
});
