import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts, type DemoStreet } from '@gridboard/server/auth/demo-accounts';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { createStreet, type StreetFixture } from '../support/factories';
import { http } from '../support/http';

const USERNAMES = [
  'admin',
  'leader',
  'duty1',
  'duty2',
  'community1',
  'grid01',
  'grid02',
  'worker01',
  'dept-fire',
  'dept-water',
  'drill1',
  'screen',
];
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars!' };

describe('demo accounts', () => {
  let t: TestApp;
  let s: StreetFixture;
  let demo: DemoStreet;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'DM');
    demo = {
      streetId: s.street.id,
      communityIds: s.communities.map((c) => c.id),
      gridIds: s.grids.map((g) => g.id),
      departmentIds: { fire: s.departments[0]!.id, water: s.departments[1]!.id },
    };
  });
  afterAll(() => t.close());

  it('creates one account per role, idempotently, all logging in with the demo password', async () => {
    const m = t.app.get(DataSource).manager;
    expect((await seedDemoAccounts(m, demo)).sort()).toEqual([...USERNAMES].sort());
    expect(await seedDemoAccounts(m, demo)).toEqual([]);
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(USERNAMES);

    const sessions = Object.fromEntries(
      await Promise.all(USERNAMES.map(async (u) => [u, (await login(t, u, DEMO_PASSWORD)).user] as const)),
    );
    expect(Object.values(sessions).every((u) => /[\u4e00-\u9fff]/.test(u.displayName))).toBe(true);
    expect(new Set(Object.values(sessions).map((u) => u.role)).size).toBe(9);
    const street = { kind: 'street', streetId: s.street.id };
    expect(sessions.admin!.scope).toEqual({ kind: 'district' });
    expect(sessions.leader!.scope).toEqual(street);
    expect(sessions.screen).toMatchObject({ role: 'display', scope: street });
    expect(sessions.community1).toMatchObject({
      role: 'community_staff',
      scope: { kind: 'communities', streetId: s.street.id, communityIds: [s.communities[0]!.id] },
    });
    expect(sessions.grid01!.scope).toMatchObject({ gridIds: [s.grids[0]!.id] });
    expect(sessions.grid02!.scope).toMatchObject({ gridIds: [s.grids[1]!.id] });
    expect(sessions.worker01).toMatchObject({ role: 'grid_worker', scope: { gridIds: [s.grids[0]!.id] } });
    expect(sessions['dept-fire']!.scope).toMatchObject({ kind: 'department', departmentId: demo.departmentIds.fire });
    expect(sessions['dept-water']!.scope).toMatchObject({ kind: 'department', departmentId: demo.departmentIds.water });
    const audits = await t.app
      .get(DataSource)
      .query("SELECT detail->>'username' AS username, street_id FROM audit_log WHERE action = 'user.create'");
    expect(audits).toHaveLength(12);
    expect(audits.find((r: { username: string }) => r.username === 'leader').street_id).toBe(s.street.id);
    expect(audits.find((r: { username: string }) => r.username === 'admin').street_id).toBeNull();
  });

  it('says what is missing when the street lacks a unit', async () => {
    const m = t.app.get(DataSource).manager;
    await expect(seedDemoAccounts(m, { ...demo, departmentIds: { fire: demo.departmentIds.fire! } })).rejects.toThrow(
      /departmentIds\.water/,
    );
  });

  it('refuses a production start while a demo password works, and starts once they are changed', async () => {
    await expect(startApp(PRODUCTION, t.db)).rejects.toThrow(
      /Refusing to start in production.*Demo@2026.*admin, community1/s,
    );

    // The administrator replaces every demo password (through the policy-checked API), then it starts.
    const admin = await login(t, 'admin', DEMO_PASSWORD);
    const api = http(t.url, admin.accessToken);
    const users = await api.get('/api/users?limit=100');
    for (const u of users.body.items.filter((x: { username: string }) => x.username !== 'admin')) {
      expect((await api.post(`/api/users/${u.id}/password`, { password: 'Changed#2026pw' })).status).toBe(200);
    }
    await expect(startApp(PRODUCTION, t.db)).rejects.toThrow(/for 1 enabled account\(s\): admin\./);
    const changed = await api.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Changed#2026pw',
    });
    expect(changed.status).toBe(200);
    // Re-seeding keeps the changed passwords.
    expect(await seedDemoAccounts(t.app.get(DataSource).manager, demo)).toEqual([]);
    const prod = await startApp(PRODUCTION, t.db);
    await prod.close();
  });
});
