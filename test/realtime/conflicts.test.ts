import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { http } from '../support/http';
import { ReplicaClient } from '../support/replica';

const EDITORS = 20;

/**
 * Optimistic concurrency end to end (issue 4): 20 editors update one grid through the REST API at once.
 * Every update is applied or answered 409 with the current state; the losers reapply on that fresh
 * state (what the client offers after a conflict); nothing is lost, every version is taken exactly once,
 * and the final state is the last applied update — in the database, the audit log and the live stream.
 */
describe('conflicts: concurrent editors of one item', () => {
  let t: TestApp;
  let s: StreetFixture;
  let watcher: ReplicaClient | undefined;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'CF');
  });
  afterAll(async () => {
    watcher?.close();
    await t.close();
  });

  it(`${EDITORS} concurrent editors: each update applied or 409; none lost; final state = last applied`, async () => {
    const scope = { kind: 'street' as const, streetId: s.street.id };
    const editors = await Promise.all(
      Array.from({ length: EDITORS }, (_, i) => createUser(t, `editor${i}`, 'admin', scope)),
    );
    const officer = await createUser(t, 'cf-duty', 'duty_officer', scope);
    const head = await t.app.get(EventLogRepository).head();
    watcher = new ReplicaClient(t.url, officer.token, head);
    await watcher.whenSynced();
    const path = `/api/geo/grids/${s.grids[0]!.id}`;
    const before = await http(t.url, officer.token).get(path);
    expect(before.status).toBe(200);
    const base: number = before.body.version;
    const nameOf = (i: number) => `编辑${i}的更新`;

    // Round 1: all twenty based on the same version, at once.
    const round1 = await Promise.all(
      editors.map((e, i) => http(t.url, e.token).patch(path, { version: base, name: nameOf(i) })),
    );
    const winners = round1.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(round1[winner]!.body).toMatchObject({ version: base + 1, name: nameOf(winner) });
    for (const [i, r] of round1.entries()) {
      if (i === winner) continue;
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'errors.conflict', current: { version: base + 1, name: nameOf(winner) } });
    }

    // Round 2: each loser reapplies on the state its 409 carried, until applied.
    const applied = new Map<number, string>([[base + 1, nameOf(winner)]]);
    let conflicts = EDITORS - 1;
    await Promise.all(
      round1.map(async (first, i) => {
        if (i === winner) return;
        let version: number = first.body.current.version;
        for (;;) {
          const r = await http(t.url, editors[i]!.token).patch(path, { version, name: nameOf(i) });
          if (r.status === 200) {
            expect(applied.has(r.body.version)).toBe(false);
            applied.set(r.body.version, nameOf(i));
            return;
          }
          expect(r.status).toBe(409);
          conflicts++;
          expect(r.body.current.version).toBeGreaterThan(version);
          version = r.body.current.version;
        }
      }),
    );
    // Every editor's update was applied exactly once, each on its own version.
    expect([...applied.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: EDITORS }, (_, i) => base + 1 + i));
    expect(new Set(applied.values()).size).toBe(EDITORS);
    expect(conflicts).toBeGreaterThanOrEqual(EDITORS - 1);

    const final = await http(t.url, officer.token).get(path);
    expect(final.body).toMatchObject({ version: base + EDITORS, name: applied.get(base + EDITORS) });

    // The audit log holds one row per applied update, and the live stream one event each, in version order.
    const [{ n }] = (await t.app
      .get(DataSource)
      .query("SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND result = 'ok'", [s.grids[0]!.id])) as {
      n: number;
    }[];
    expect(n).toBe(EDITORS);
    await watcher.caughtUp(head + EDITORS);
    const stream = watcher.applied
      .map((e) => e.payload as { id: string; data: { version: number; name: string } | null })
      .filter((p) => p.id === s.grids[0]!.id)
      .map((p) => [p.data!.version, p.data!.name]);
    expect(stream).toEqual([...applied.entries()].sort((a, b) => a[0] - b[0]));
  });
});
