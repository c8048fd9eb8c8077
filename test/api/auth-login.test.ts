import type { Session } from '@gridboard/shared';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { auditRows, login } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD } from '../support/factories';
import { http } from '../support/http';

describe('login, refresh-token rotation, logout, own password', () => {
  let t: TestApp;
  let s: StreetFixture;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'L1');
  });
  afterAll(() => t.close());

  const duty = (name: string) => createUser(t, name, 'duty_officer', { kind: 'street', streetId: s.street.id });

  it('logs in with a short-lived access token and a refresh token, and answers /me', async () => {
    const { user } = await duty('duty-a');
    const session = await login(t, 'Duty-A', TEST_PASSWORD); // usernames are case-folded
    expect(session).toMatchObject({
      expiresIn: t.config.accessTokenTtlSeconds,
      refreshExpiresIn: t.config.refreshTokenTtlSeconds,
      user: { id: user.id, username: 'duty-a', role: 'duty_officer', mustChangePassword: false },
    });
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await http(t.url, session.accessToken).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(session.user);
    // Stored hashed only.
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM refresh_token WHERE token_hash = $1', [session.refreshToken]);
    expect(row.n).toBe(0);
    const [{ last_login_at }] = await t.app
      .get(DataSource)
      .query('SELECT last_login_at FROM app_user WHERE id = $1', [user.id]);
    expect(last_login_at).not.toBeNull();
  });

  it('answers a wrong password and an unknown user alike, and audits both with the address', async () => {
    await duty('duty-b');
    const wrong = await http(t.url, undefined, 'en-US').post('/api/auth/login', {
      username: 'duty-b',
      password: 'nope',
    });
    const unknown = await http(t.url).post('/api/auth/login', { username: 'nobody-here', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'errors.login_failed', message: 'Wrong username or password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('errors.login_failed');
    const rows = await auditRows(t, 'auth.login');
    const failed = rows.filter((r) => r.result === 'failed');
    expect(failed.map((r) => r.actor_name)).toEqual(expect.arrayContaining(['duty-b', 'nobody-here']));
    expect(failed.every((r) => r.ip === '127.0.0.1')).toBe(true);
    expect(rows.some((r) => r.result === 'ok' && r.actor_name === 'duty-a')).toBe(true);
    const invalid = await http(t.url).post('/api/auth/login', { username: '', password: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('username');
  });

  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    await duty('duty-c');
    const first = await login(t, 'duty-c', TEST_PASSWORD);
    const r1 = await http(t.url).post<Session>('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    expect((await http(t.url, r1.body.accessToken).get('/api/auth/me')).status).toBe(200);
    const r2 = await http(t.url).post<Session>('/api/auth/refresh', { refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);

    // The first token again: someone holds a copy. The session ends, with every token of it.
    const reuse = await http(t.url).post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('errors.token_invalid');
    expect((await http(t.url).post('/api/auth/refresh', { refreshToken: r2.body.refreshToken })).status).toBe(401);
    expect((await http(t.url, r2.body.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await auditRows(t, 'auth.refresh_reuse')).map((r) => r.actor_name)).toEqual(['duty-c']);

    // Another session of the same user is untouched.
    const other = await login(t, 'duty-c', TEST_PASSWORD);
    expect((await http(t.url, other.accessToken).get('/api/auth/me')).status).toBe(200);
  });

  it('serializes two refreshes with one token: one wins, the other counts as reuse', async () => {
    await duty('duty-d');
    const s1 = await login(t, 'duty-d', TEST_PASSWORD);
    const both = await Promise.all([
      http(t.url).post('/api/auth/refresh', { refreshToken: s1.refreshToken }),
      http(t.url).post('/api/auth/refresh', { refreshToken: s1.refreshToken }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logs out: the refresh token and the access tokens of that session stop working at once', async () => {
    await duty('duty-e');
    const s1 = await login(t, 'duty-e', TEST_PASSWORD);
    expect((await http(t.url, s1.accessToken).get('/api/auth/me')).status).toBe(200);
    const out = await http(t.url).post('/api/auth/logout', { refreshToken: s1.refreshToken });
    expect(out.status).toBe(204);
    expect((await http(t.url, s1.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url).post('/api/auth/refresh', { refreshToken: s1.refreshToken })).status).toBe(401);
    // Idempotent, and silent about tokens it does not know.
    expect((await http(t.url).post('/api/auth/logout', { refreshToken: s1.refreshToken })).status).toBe(204);
    expect((await http(t.url).post('/api/auth/logout', { refreshToken: 'x'.repeat(43) })).status).toBe(204);
    expect((await auditRows(t, 'auth.logout')).map((r) => r.actor_name)).toEqual(['duty-e']);
  });

  it('changes the own password under the policy, ending every other session', async () => {
    await duty('duty-f');
    const a = await login(t, 'duty-f', TEST_PASSWORD);
    const b = await login(t, 'duty-f', TEST_PASSWORD);
    const api = http(t.url, a.accessToken);
    for (const weak of ['short1A!', 'alllowercaseletters', 'lowercase123456', 'UPPERlowerONLY']) {
      const res = await api.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: weak });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('errors.weak_password');
      expect(res.body.errors[0].field).toBe('newPassword');
    }
    const wrong = await api.post('/api/auth/password', {
      currentPassword: 'Wrong@2026xx',
      newPassword: 'Better#Pass2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');

    const ok = await api.post<Session>('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Better#Pass2026',
    });
    expect(ok.status).toBe(200);
    expect((await http(t.url, ok.body.accessToken).get('/api/auth/me')).status).toBe(200);
    expect((await http(t.url, a.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url, b.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t.url).post('/api/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
    expect((await http(t.url).post('/api/auth/login', { username: 'duty-f', password: TEST_PASSWORD })).status).toBe(
      401,
    );
    await login(t, 'duty-f', 'Better#Pass2026');
    expect((await auditRows(t, 'auth.password_change')).map((r) => r.result)).toEqual(['failed', 'ok']);
  });

  it('refuses a disabled account, saying so only to someone who knows the password', async () => {
    const { user } = await duty('duty-g');
    await t.app.get(DataSource).query('UPDATE app_user SET disabled = true WHERE id = $1', [user.id]);
    const right = await http(t.url).post('/api/auth/login', { username: 'duty-g', password: TEST_PASSWORD });
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('errors.account_disabled');
    const wrong = await http(t.url).post('/api/auth/login', { username: 'duty-g', password: 'guess' });
    expect(wrong.body.code).toBe('errors.login_failed');
  });
});
