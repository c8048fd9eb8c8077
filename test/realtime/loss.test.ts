import { randomBytes } from 'node:crypto';
import { canSee, type Jurisdiction, type Scope } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { startBalancer, type Balancer } from '../support/balancer';
import { REDIS_URL } from '../support/env';
import { gridJ, TEST_ITEM_ID } from '../support/events';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { ServerInstance } from '../support/instances';
import { ReplicaClient } from '../support/replica';

const EVENTS = 5_000;
const DISCONNECTS = 50;
const WRITERS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The loss test of issue 4: while 5,000 events are written across several grids and two streets, a
 * grid-scoped client behind a load balancer over two instances is disconnected 50 times (its transport
 * closed, or dropped by the server) and one instance is killed and restarted. Afterwards it has applied
 * exactly the events it may see, each once, in seq order, and none of the others.
 */
describe('loss test: reconnects, forced disconnects and an instance restart lose nothing', () => {
  const ns = `gbt-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let a: ServerInstance;
  let b: ServerInstance;
  let lb: Balancer;
  let s: StreetFixture;
  let other: StreetFixture;
  let client: ReplicaClient | undefined;

  beforeAll(async () => {
    t = await startApp({ REDIS_URL, REDIS_NAMESPACE: ns });
    const opts = { databaseUrl: t.db.url!, redisNamespace: ns };
    [a, b] = await Promise.all([
      ServerInstance.start({ ...opts, name: 'a' }),
      ServerInstance.start({ ...opts, name: 'b' }),
    ]);
    lb = await startBalancer([a.port, b.port]);
    [s, other] = [await createStreet(t, 'LS'), await createStreet(t, 'LO', 115)];
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await lb?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await t?.close();
  });

  it('applies exactly the visible events, each once, in seq order', async () => {
    const scope: Scope = { kind: 'grids', streetId: s.street.id, gridIds: [s.grids[0]!.id, s.grids[2]!.id] };
    const worker = await createUser(t, 'loss-worker', 'grid_worker', scope);
    // Every kind of jurisdiction: its grids, the neighbouring grids, street-wide, a department, another street.
    const places: Jurisdiction[] = [
      ...[0, 1, 2, 3].map((i) => gridJ(s, i)),
      { ...gridJ(s, 1), gridId: null, communityId: null, streetWide: true },
      { ...gridJ(s, 0), gridId: null, communityId: null, departmentIds: [s.departments[0]!.id] },
      gridJ(other, 0),
    ];
    const start = await t.app.get(EventLogRepository).head();
    client = new ReplicaClient(lb.url, worker.token, start);
    await client.whenSynced();

    let written = 0;
    const writer = async (lane: number) => {
      while (written < EVENTS) {
        // Mostly one event per command, sometimes two: both commit together or not at all.
        const n = Math.min(written % 7 === 0 ? 2 : 1, EVENTS - written);
        written += n;
        await t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
          for (let i = 0; i < n; i++) {
            const j = places[(written + i * 3 + lane) % places.length]!;
            ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data: { lane } }, j);
          }
        });
        if (written % 50 === 0) await sleep(5); // ~10 s of writing, spread over the disruptions
      }
    };

    let forced = 0;
    const disrupt = async () => {
      for (let i = 0; i < DISCONNECTS; i++) {
        await client!.whenSynced(30_000);
        await sleep(20 + ((i * 37) % 150));
        const before = client!.disconnects;
        if (i === DISCONNECTS / 2) {
          // The instance this client is on dies mid-stream and comes back.
          await b.restart('SIGKILL');
        } else if (i % 2 === 0) {
          client!.socket.io.engine.close(); // the network drops: the client reconnects by itself
        } else {
          // The server drops it (as when its user is changed): on every instance at once.
          await t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
            ctx.emit(
              'auth.user_changed',
              { userId: worker.user.id },
              { ...gridJ(s, 0), gridId: null, communityId: null },
            );
          });
        }
        const deadline = Date.now() + 10_000;
        while (client!.disconnects === before && Date.now() < deadline) await sleep(5);
        if (client!.disconnects > before) forced++;
      }
    };

    await Promise.all([disrupt(), ...Array.from({ length: WRITERS }, (_, lane) => writer(lane))]);
    expect(written).toBe(EVENTS);

    const rows = (await t.app
      .get(DataSource)
      .query(
        'SELECT seq, street_id, community_id, grid_id, department_ids, street_wide FROM event WHERE seq > $1 ORDER BY seq',
        [start],
      )) as {
      seq: string;
      street_id: string;
      community_id: string | null;
      grid_id: string | null;
      department_ids: string[];
      street_wide: boolean;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(EVENTS + DISCONNECTS / 2 - 1);
    const visible = rows
      .filter((r) =>
        canSee(scope, {
          streetId: r.street_id,
          communityId: r.community_id,
          gridId: r.grid_id,
          departmentIds: r.department_ids,
          streetWide: r.street_wide,
        }),
      )
      .map((r) => Number(r.seq));
    await client.caughtUp(visible[visible.length - 1]!, 30_000);
    await sleep(500); // anything extra would have arrived by now

    expect(forced).toBe(DISCONNECTS);
    expect(client.disconnects).toBeGreaterThanOrEqual(DISCONNECTS);
    expect(client.applied.map((e) => e.seq)).toEqual(visible);
    expect(client.dropped).toBe(0);
    expect(client.outOfOrder).toBe(0);
    expect(visible.length).toBeGreaterThan(EVENTS / 3);
    expect(visible.length).toBeLessThan(rows.length);
  }, 240_000); // ~25 s alone; several times that on a busy 2-core machine
});
