import type { BoardEvent, Jurisdiction } from '@gridboard/shared';
import { RealtimeService, type ConnectionState } from '@gridboard/client/realtime/service';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { UserEntity } from '@gridboard/server/auth/user.entity';
import { Commands } from '@gridboard/server/command/commands';
import { BoardGateway } from '@gridboard/server/realtime/board.gateway';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';

/**
 * The client's realtime service (client/src/realtime) against the real server: one connection,
 * replay on every reconnect, events applied to the stores' feeds in seq order, each once, and none
 * outside the user's jurisdiction.
 */
describe('client realtime service', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  let user: TestUser;
  const services: RealtimeService[] = [];

  const gridJ = (f: StreetFixture, i: number): Jurisdiction => ({
    streetId: f.street.id,
    communityId: f.grids[i]!.communityId,
    gridId: f.grids[i]!.id,
    departmentIds: [],
    streetWide: false,
  });

  /** One committed grid change, through the real command path; `mine` marks what the user may see. */
  const write = (j: Jurisdiction, n: number, mine: boolean) =>
    t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
      ctx.emit('geo.changed', { entity: 'grid', id: j.gridId!, op: 'updated', data: { n, mine } }, j);
    });

  const head = () => t.app.get(EventLogRepository).head();

  /** The seqs the user may see in (after, upTo], from the event table: the expected stream. */
  async function mineSince(after: number): Promise<number[]> {
    const all = await t.app.get(EventLogRepository).range(after, await head());
    return all.filter((e) => (e.payload as { data?: { mine?: boolean } }).data?.mine === true).map((e) => e.seq);
  }

  function service(token: () => string, extra: Partial<ConstructorParameters<typeof RealtimeService>[0]> = {}) {
    const states: ConnectionState[] = [];
    const svc = new RealtimeService({
      url: t.url,
      accessToken: token,
      refreshSession: async () => false,
      sessionLost: () => undefined,
      onState: (st) => states.push(st),
      backoff: { baseMs: 20, maxMs: 200 },
      ...extra,
    });
    services.push(svc);
    return { svc, states };
  }

  /** Drops every socket at the transport, as a network failure would (not a server-side disconnect). */
  function dropConnections(): void {
    for (const socket of t.app.get(BoardGateway).server.sockets.sockets.values()) socket.conn.close();
  }

  async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
    const start = Date.now();
    while (!ok()) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'RT1');
    other = await createStreet(t, 'RT2', 115);
    user = await createUser(t, 'rt-grid0', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
  });
  afterAll(async () => {
    services.forEach((svc) => svc.stop());
    await t.close();
  });

  it('applies exactly the visible events, once and in seq order, through repeated connection drops', async () => {
    const { svc, states } = service(() => user.token);
    const applied: number[] = [];
    const feed = svc.feed({
      on: { 'geo.changed': (e: BoardEvent<'geo.changed'>) => applied.push(e.seq) },
      onStale: () => undefined,
    });
    const start = await head();
    feed.resume(start);
    svc.start();
    await until('online', () => svc.connectionState.status === 'online');

    for (let n = 0; n < 240; n++) {
      const target =
        n % 4 === 0 ? gridJ(s, 0) : n % 4 === 1 ? gridJ(s, 1) : n % 4 === 2 ? gridJ(other, 0) : gridJ(s, 3);
      await write(target, n, target.gridId === s.grids[0]!.id);
      if (n % 30 === 15) dropConnections();
    }
    const expected = await mineSince(start);
    expect(expected).toHaveLength(60);
    await until('all visible events', () => applied.length >= expected.length);
    await new Promise((r) => setTimeout(r, 300)); // anything extra (a duplicate) would arrive now
    expect(applied).toEqual(expected);
    // It did go through reconnects, and said so.
    expect(states.filter((st) => st.status === 'reconnecting').length).toBeGreaterThanOrEqual(8);
    expect(svc.connectionState.status).toBe('online');
  });

  it('replays from an older snapshot for a store that loads late, without repeating events to the others', async () => {
    const { svc } = service(() => user.token);
    const first: number[] = [];
    const late: number[] = [];
    const snapshot = await head();
    svc
      .feed({ on: { 'geo.changed': (e: BoardEvent<'geo.changed'>) => first.push(e.seq) }, onStale: () => undefined })
      .resume(snapshot);
    svc.start();
    await until('online', () => svc.connectionState.status === 'online');
    for (let n = 0; n < 6; n++) await write(gridJ(s, 0), 1000 + n, true);
    const expected = await mineSince(snapshot);
    await until('first feed', () => first.length === 6);

    // A second store's snapshot was read back at `snapshot`: it must get those six too, from a replay.
    svc
      .feed({ on: { 'geo.changed': (e: BoardEvent<'geo.changed'>) => late.push(e.seq) }, onStale: () => undefined })
      .resume(snapshot);
    await until('late feed', () => late.length === 6);
    await write(gridJ(s, 0), 2000, true);
    await until('both get the next one', () => first.length === 7 && late.length === 7);
    const all = await mineSince(snapshot);
    expect(first).toEqual(all);
    expect(late).toEqual(all);
    expect(all.slice(0, 6)).toEqual(expected);
  });

  it('ends the session when the server refuses the token and no refresh is possible', async () => {
    const victim = await createUser(t, 'rt-victim', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    let lost = 0;
    let refreshes = 0;
    const { svc } = service(() => victim.token, {
      refreshSession: async () => {
        refreshes++;
        return false;
      },
      sessionLost: () => lost++,
    });
    svc.start();
    await until('online', () => svc.connectionState.status === 'online');
    // Disabling bumps nothing here; the server checks `disabled` on the next handshake.
    await t.app.get(DataSource).manager.update(UserEntity, { id: victim.user.id }, { disabled: true });
    dropConnections();
    await until('session lost', () => lost === 1);
    expect(refreshes).toBe(1);
    expect(svc.connectionState.status).toBe('idle');
  });

  it('ends the session rather than loop when a refreshed token is refused again', async () => {
    const victim = await createUser(t, 'rt-victim2', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    let lost = 0;
    let refreshes = 0;
    const { svc } = service(() => victim.token, {
      // The refresh "succeeds" but hands back the same refused token.
      refreshSession: async () => {
        refreshes++;
        return true;
      },
      sessionLost: () => lost++,
    });
    await t.app.get(DataSource).manager.update(UserEntity, { id: victim.user.id }, { disabled: true });
    svc.start();
    await until('session lost', () => lost === 1);
    expect(refreshes).toBe(2);
    expect(svc.connectionState.status).toBe('idle');
  });
});
