import type { Page, Session, User } from '@gridboard/shared';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { auditRows, login } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD, type TestUser } from '../support/factories';
import { http } from '../support/http';

const NEW_PASSWORD = 'Initial#2026ab';

describe('users admin API', () => {
  let t: TestApp;
  let a: StreetFixture;
  let b: StreetFixture;
  let admin: TestUser; // street A
  let root: TestUser; // district
  let leader: TestUser;

  beforeAll(async () => {
    t = await startApp();
    a = await createStreet(t, 'UA');
    b = await createStreet(t, 'UB', 115);
    admin = await createUser(t, 'admin-a', 'admin', { kind: 'street', streetId: a.street.id });
    root = await createUser(t, 'root', 'admin', { kind: 'district' });
    leader = await createUser(t, 'leader-a', 'leader', { kind: 'street', streetId: a.street.id });
    await createUser(t, 'worker-b', 'grid_worker', { kind: 'grids', streetId: b.street.id, gridIds: [b.grids[0]!.id] });
  });
  afterAll(() => t.close());

  const gridScope = (f: StreetFixture, i: number) => ({
    kind: 'grids' as const,
    streetId: f.street.id,
    gridIds: [f.grids[i]!.id],
  });
  const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    displayName: '新用户',
    role: 'grid_worker',
    scope: gridScope(a, 0),
    phone: '13812345678',
    password: NEW_PASSWORD,
    ...extra,
  });

  it('creates a user with a checked role and scope; the phone comes back masked', async () => {
    const res = await http(t.url, admin.token).post<User>('/api/users', newUser('Worker-New'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'worker-new',
      role: 'grid_worker',
      streetId: a.street.id,
      phone: '138****5678',
      disabled: false,
      mustChangePassword: true,
      version: 1,
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const [row] = await auditRows(t, 'user.create');
    expect(row).toMatchObject({ actor_name: 'admin-a', object_id: res.body.id, street_id: a.street.id });
    expect(row!.after).toMatchObject({ username: 'worker-new', phone: '13812345678' });
    const session = await login(t, 'worker-new', NEW_PASSWORD);
    expect(session.user.mustChangePassword).toBe(true);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const api = http(t.url, admin.token);
    const cases: [Record<string, unknown>, string, string?][] = [
      [newUser('weak1', { password: 'short' }), 'password', 'errors.weak_password'],
      [newUser('bad name!'), 'username'],
      [newUser('worker-new'), 'username', 'errors.duplicate'],
      [newUser('mismatch', { scope: { kind: 'street', streetId: a.street.id } }), 'scope.kind'],
      [
        newUser('foreign-grid', {
          scope: { kind: 'grids', streetId: a.street.id, gridIds: [a.grids[0]!.id, b.grids[0]!.id] },
        }),
        'scope.gridIds.1',
      ],
      [newUser('other-street', { scope: gridScope(b, 0) }), 'scope.streetId'],
      [
        newUser('community-x', {
          role: 'community_staff',
          scope: { kind: 'communities', streetId: a.street.id, communityIds: [b.communities[0]!.id] },
        }),
        'scope.communityIds.0',
      ],
      [
        newUser('dept-x', {
          role: 'dept_staff',
          scope: { kind: 'department', streetId: a.street.id, departmentId: b.departments[0]!.id },
        }),
        'scope.departmentId',
      ],
      [newUser('no-role', { role: 'superuser' }), 'role'],
      [newUser('bad-phone', { phone: 'call me' }), 'phone'],
    ];
    for (const [body, field, code] of cases) {
      const res = await api.post('/api/users', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      if (code) expect(res.body.code).toBe(code);
    }
    // A street administrator cannot make district-wide administrators.
    const escalate = await api.post('/api/users', newUser('root2', { role: 'admin', scope: { kind: 'district' } }));
    expect(escalate.status).toBe(403);
    // … a district one can, and can place users on any street.
    const byRoot = await http(t.url, root.token).post('/api/users', newUser('worker-b2', { scope: gridScope(b, 1) }));
    expect(byRoot.status).toBe(201);
    const count = await t.app
      .get(DataSource)
      .query("SELECT count(*)::int AS n FROM app_user WHERE username IN ('weak1','mismatch','root2')");
    expect(count[0].n).toBe(0);
  });

  it('lists only the users of the caller’s jurisdiction, with filters and paging', async () => {
    const list = await http(t.url, admin.token).get<Page<User>>('/api/users?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.seq).toEqual(expect.any(Number));
    expect(list.body.items.every((u) => u.streetId === a.street.id)).toBe(true);
    expect(list.body.items.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin-a', 'leader-a', 'worker-new']),
    );
    expect(list.body.total).toBe(list.body.items.length);
    const all = await http(t.url, root.token).get<Page<User>>('/api/users?limit=100');
    expect(all.body.items.map((u) => u.username)).toEqual(expect.arrayContaining(['root', 'worker-b', 'admin-a']));

    const byRole = await http(t.url, admin.token).get<Page<User>>('/api/users?role=leader');
    expect(byRole.body.items.map((u) => u.username)).toEqual(['leader-a']);
    const byQ = await http(t.url, root.token).get<Page<User>>('/api/users?q=WORKER');
    expect(byQ.body.items.map((u) => u.username).sort()).toEqual(['worker-b', 'worker-b2', 'worker-new']);
    const page = await http(t.url, root.token).get<Page<User>>('/api/users?q=worker&limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, items: [{ username: 'worker-b2' }] });
    const bad = await http(t.url, admin.token).get('/api/users?disabled=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('disabled');
  });

  it('answers 404 for users outside the jurisdiction, and audits the attempt', async () => {
    const [wb] = await t.app.get(DataSource).query("SELECT id FROM app_user WHERE username = 'worker-b'");
    const res = await http(t.url, admin.token).get(`/api/users/${wb.id}`);
    expect(res.status).toBe(404);
    const patch = await http(t.url, admin.token).post(`/api/users/${wb.id}/disable`);
    expect(patch.status).toBe(404);
    const denied = (await auditRows(t, 'deny:out_of_scope')).filter((r) => r.object_id === wb.id);
    expect(denied).toHaveLength(2);
    expect((await http(t.url, admin.token).get('/api/users/not-a-uuid')).body.errors[0].field).toBe('id');
    expect((await http(t.url, leader.token).get('/api/users')).status).toBe(403);
    expect((await auditRows(t, 'deny:user.manage')).map((r) => r.actor_name)).toContain('leader-a');
  });

  it('updates with optimistic concurrency; a new role or scope ends the old tokens at once', async () => {
    const target = await createUser(t, 'moving', 'grid_leader', gridScope(a, 0));
    const session = await login(t, 'moving', TEST_PASSWORD);
    const api = http(t.url, admin.token);
    const renamed = await api.patch<User>(`/api/users/${target.user.id}`, {
      version: 1,
      displayName: '陈 刚',
      phone: '13700001111',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ version: 2, displayName: '陈 刚', phone: '137****1111' });
    expect((await http(t.url, session.accessToken).get('/api/auth/me')).status).toBe(200); // not rescoped

    const stale = await api.patch(`/api/users/${target.user.id}`, { version: 1, displayName: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ version: 2, displayName: '陈 刚' });

    const wrongKind = await api.patch(`/api/users/${target.user.id}`, { version: 2, role: 'community_staff' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].field).toBe('scope.kind');

    const moved = await api.patch<User>(`/api/users/${target.user.id}`, { version: 2, scope: gridScope(a, 2) });
    expect(moved.status).toBe(200);
    expect(moved.body.scope).toEqual(gridScope(a, 2));
    expect((await http(t.url, session.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url, target.token).get('/api/auth/me')).status).toBe(401);
    const refreshed = await http(t.url).post<Session>('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.scope).toEqual(gridScope(a, 2));

    const [row] = (await auditRows(t, 'user.update')).filter((r) => r.object_id === target.user.id).slice(-1);
    expect(row!.before.scope).toEqual(gridScope(a, 0));
    expect(row!.after.scope).toEqual(gridScope(a, 2));
    const events = await t.app.get(DataSource).query("SELECT payload FROM event WHERE type = 'auth.user_changed'");
    expect(events.map((e: { payload: { userId: string } }) => e.payload.userId)).toContain(target.user.id);
  });

  it('does not let an administrator lock themselves out', async () => {
    const api = http(t.url, admin.token);
    const self = await api.patch(`/api/users/${admin.user.id}`, { version: admin.user.version, role: 'leader' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('errors.self_change');
    expect((await api.post(`/api/users/${admin.user.id}/disable`)).status).toBe(403);
    const rename = await api.patch<User>(`/api/users/${admin.user.id}`, {
      version: admin.user.version,
      displayName: '管理员甲',
    });
    expect(rename.status).toBe(200);
  });

  it('resets a password: every session ends and the user must choose a new one', async () => {
    await createUser(t, 'forgetful', 'duty_officer', { kind: 'street', streetId: a.street.id });
    const old = await login(t, 'forgetful', TEST_PASSWORD);
    const [{ id }] = await t.app.get(DataSource).query("SELECT id FROM app_user WHERE username = 'forgetful'");
    const weak = await http(t.url, admin.token).post(`/api/users/${id}/password`, { password: 'abc' });
    expect(weak.status).toBe(400);
    const res = await http(t.url, admin.token).post<User>(`/api/users/${id}/password`, { password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await http(t.url, old.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url).post('/api/auth/refresh', { refreshToken: old.refreshToken })).status).toBe(401);
    expect((await http(t.url).post('/api/auth/login', { username: 'forgetful', password: TEST_PASSWORD })).status).toBe(
      401,
    );
    const fresh = await login(t, 'forgetful', NEW_PASSWORD);
    expect(fresh.user.mustChangePassword).toBe(true);
    const changed = await http(t.url, fresh.accessToken).post<Session>('/api/auth/password', {
      currentPassword: NEW_PASSWORD,
      newPassword: 'Mine#Own2026x',
    });
    expect(changed.body.user.mustChangePassword).toBe(false);
    const [row] = (await auditRows(t, 'user.password_reset')).filter((r) => r.object_id === id);
    expect(row!.detail).toEqual({ sessionsEnded: 1 });
    expect(JSON.stringify(row)).not.toContain(NEW_PASSWORD);
  });

  it('disables and enables: a disabled user loses access everywhere at once', async () => {
    const target = await createUser(t, 'leaving', 'community_staff', {
      kind: 'communities',
      streetId: a.street.id,
      communityIds: [a.communities[0]!.id],
    });
    const session = await login(t, 'leaving', TEST_PASSWORD);
    const off = await http(t.url, admin.token).post<User>(`/api/users/${target.user.id}/disable`);
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await http(t.url, session.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url).post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect(
      (await http(t.url).post('/api/auth/login', { username: 'leaving', password: TEST_PASSWORD })).body.code,
    ).toBe('errors.account_disabled');
    const disabledList = await http(t.url, admin.token).get<Page<User>>('/api/users?disabled=true');
    expect(disabledList.body.items.map((u) => u.username)).toEqual(['leaving']);
    const on = await http(t.url, admin.token).post<User>(`/api/users/${target.user.id}/enable`);
    expect(on.body.disabled).toBe(false);
    await login(t, 'leaving', TEST_PASSWORD);
    expect((await auditRows(t, 'user.%able')).map((r) => r.action)).toEqual(['user.disable', 'user.enable']);
  });

  it('reveals a phone on explicit request only, and audits it', async () => {
    const [{ id }] = await t.app.get(DataSource).query("SELECT id FROM app_user WHERE username = 'worker-new'");
    const res = await http(t.url, admin.token).post(`/api/users/${id}/reveal`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, phone: '13812345678' });
    const rows = (await auditRows(t, 'pii.reveal')).filter((r) => r.object_id === id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_name: 'admin-a', result: 'ok' });
  });
});
