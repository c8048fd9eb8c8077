import type { Jurisdiction, Session } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { REDIS_URL } from '../support/env';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { BoardClient } from '../support/socket';

/** One geo.changed event in a grid's jurisdiction, through the real command path; `n` marks it. */
function emitInGrid(t: TestApp, f: StreetFixture, grid: number, n: number) {
  const j: Jurisdiction = {
    streetId: f.street.id,
    communityId: f.grids[grid]!.communityId,
    gridId: f.grids[grid]!.id,
    departmentIds: [],
    streetWide: false,
  };
  return t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
    ctx.emit('geo.changed', { entity: 'grid', id: f.grids[grid]!.id, op: 'updated', data: { n } }, j);
  });
}

const marks = (c: BoardClient) =>
  c.events.filter((e) => e.type === 'geo.changed').map((e) => (e.payload as { data: { n: number } }).data.n);

function disconnected(c: BoardClient, ms = 5_000): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    if (!c.socket.connected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    c.socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
  });
}

describe('revocation: a disabled or rescoped user loses access, sockets included', () => {
  // Two instances on one database, joined by Redis: the change is made on one, the socket lives on the other.
  let t: TestApp;
  let t2: TestApp;
  let s: StreetFixture;
  let admin: TestUser;
  const clients: BoardClient[] = [];
  const namespace = `gbt-revoke-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    t = await startApp({ REDIS_URL, REDIS_NAMESPACE: namespace });
    t2 = await startApp({ REDIS_URL, REDIS_NAMESPACE: namespace }, t.db);
    s = await createStreet(t, 'RV');
    admin = await createUser(t, 'admin', 'admin', { kind: 'street', streetId: s.street.id });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t2.close();
    await t.close();
  });

  /** A connected socket that has replayed everything it may see. */
  const connect = async (app: TestApp, token: string) => {
    const c = new BoardClient(app.url, token, { autoSync: false });
    clients.push(c);
    await c.connected();
    expect((await c.sync(0)).ok).toBe(true);
    return c;
  };

  it('rescoping drops the socket within 5 s; it never sees the old grid again, and reconnects under the new scope', async () => {
    const { user } = await createUser(t, 'mover', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    const session = await login(t2, 'mover', TEST_PASSWORD);
    const old = await connect(t2, session.accessToken);
    await emitInGrid(t, s, 0, 1);
    await old.waitFor(() => marks(old).includes(1));

    const moved = await http(t.url, admin.token).patch(`/api/users/${user.id}`, {
      version: user.version,
      scope: { kind: 'grids', streetId: s.street.id, gridIds: [s.grids[2]!.id] },
    });
    expect(moved.status).toBe(200);
    expect(await disconnected(old)).toBeLessThan(5_000);
    await emitInGrid(t, s, 0, 2);
    await emitInGrid(t, s, 2, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(marks(old)).toEqual([1]);

    // The old token no longer opens a socket nor the API (the scope it carried is gone) …
    const stale = new BoardClient(t2.url, session.accessToken, { autoSync: false });
    clients.push(stale);
    await expect(stale.connected()).rejects.toThrow(/errors\.token_invalid/);
    expect((await http(t2.url, session.accessToken).get('/api/auth/me')).status).toBe(401);
    // … a refresh gives a token for the new scope: grid 2's events, none of grid 0's.
    const refreshed = await http(t2.url).post<Session>('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const fresh = await connect(t2, refreshed.body.accessToken);
    await emitInGrid(t, s, 0, 4);
    await emitInGrid(t, s, 2, 5);
    await fresh.waitFor(() => marks(fresh).includes(5));
    expect(marks(fresh)).toEqual([3, 5]);
  });

  it('disabling drops the socket within 5 s and closes REST, refresh and reconnect', async () => {
    const { user } = await createUser(t, 'leaver', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const session = await login(t2, 'leaver', TEST_PASSWORD);
    const c = await connect(t2, session.accessToken);
    await emitInGrid(t, s, 1, 10);
    await c.waitFor(() => marks(c).includes(10));

    expect((await http(t.url, admin.token).post(`/api/users/${user.id}/disable`)).status).toBe(200);
    expect(await disconnected(c)).toBeLessThan(5_000);
    await emitInGrid(t, s, 1, 11);
    await new Promise((r) => setTimeout(r, 300));
    expect(marks(c)).not.toContain(11);
    expect((await http(t2.url, session.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await http(t2.url).post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    const again = new BoardClient(t2.url, session.accessToken, { autoSync: false });
    clients.push(again);
    await expect(again.connected()).rejects.toThrow(/errors\.token_invalid/);
  });

  it('logging out ends that session’s socket too', async () => {
    await createUser(t, 'shift-end', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const session = await login(t, 'shift-end', TEST_PASSWORD);
    const c = await connect(t2, session.accessToken);
    expect((await http(t.url).post('/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expect(await disconnected(c)).toBeLessThan(5_000);
    const again = new BoardClient(t2.url, session.accessToken, { autoSync: false });
    clients.push(again);
    await expect(again.connected()).rejects.toThrow(/errors\.token_invalid/);
  });
});
