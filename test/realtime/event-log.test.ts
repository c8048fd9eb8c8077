import { DataSource } from 'typeorm';
import type { Jurisdiction } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { Db } from '@gridboard/server/db/db';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { startApp, type TestApp } from '../support/app';
import { gridJ, TEST_ITEM_ID } from '../support/events';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { ReplicaClient } from '../support/replica';
import { BoardClient } from '../support/socket';

/** Emits one geo.changed event carrying `n`, through the real command path. */
function emitIn(t: TestApp, j: Jurisdiction, n: number | string) {
  return t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
    ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data: { n } }, j);
  });
}
const nOf = (e: { payload: unknown }) => (e.payload as { data: { n: unknown } }).data.n;

describe('event log and realtime delivery', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'S1');
    other = await createStreet(t, 'S2', 115);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('orders seq by commit, even when transactions commit in the opposite order to their start', async () => {
    const db = t.app.get(Db);
    const events = t.app.get(EventLogRepository);
    const before = await events.head();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    const draft = (n: string) => [{ type: 'geo.changed' as const, payload: { n }, jurisdiction: gridJ(s, 0) }];
    // A starts first and appends its event first, but commits last.
    const a = db.transaction(async () => {
      await events.append(draft('A'), null);
      await firstMayCommit;
    });
    await new Promise((r) => setTimeout(r, 50));
    await db.transaction(() => events.append(draft('B'), null));
    // A reader now sees B at before + 1, and nothing of A.
    expect(await events.head()).toBe(before + 1);
    const seen = await events.after(before, 10);
    expect(seen.map((e) => [e.seq, (e.payload as unknown as { n: string }).n])).toEqual([[before + 1, 'B']]);
    releaseFirst();
    await a;
    // A reader that saw B can continue from B's seq and still gets A.
    const after = await events.after(before + 1, 10);
    expect(after.map((e) => [e.seq, (e.payload as unknown as { n: string }).n])).toEqual([[before + 2, 'A']]);
  });

  it('delivers and replays two opposite-order commits in seq order, live and through sync', async () => {
    const db = t.app.get(Db);
    const events = t.app.get(EventLogRepository);
    const officer = await createUser(t, 'duty-order', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const head = await events.head();
    const live = new ReplicaClient(t.url, officer.token, head);
    clients.push(live);
    await live.whenSynced();

    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((r) => (releaseA = r));
    let aStarted!: () => void;
    const aHasStarted = new Promise<void>((r) => (aStarted = r));
    // A starts first and holds its transaction open; B starts later and commits first.
    const a = t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
      await db.manager.query('SELECT 1');
      aStarted();
      await aMayCommit;
      ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data: { n: 'A' } }, gridJ(s, 0));
    });
    await aHasStarted;
    await emitIn(t, gridJ(s, 1), 'B');
    // A snapshot read now (a REST list) sees B but not A, and says so with its seq.
    const snap = await db.snapshot(async () => null);
    expect(snap.seq).toBe(head + 1);
    releaseA();
    await a;

    await live.caughtUp(head + 2);
    expect(live.applied.filter((e) => e.seq > head).map(nOf)).toEqual(['B', 'A']);
    expect(live.applied.map((e) => e.seq)).toEqual([head + 1, head + 2]);

    // Reconnecting clients replay from their position: from before both, and from the snapshot's seq.
    const fromStart = new ReplicaClient(t.url, officer.token, head);
    const fromSnapshot = new ReplicaClient(t.url, officer.token, snap.seq);
    clients.push(fromStart, fromSnapshot);
    await fromStart.caughtUp(head + 2);
    await fromSnapshot.caughtUp(head + 2);
    expect(fromStart.applied.map(nOf)).toEqual(['B', 'A']);
    expect(fromSnapshot.applied.map(nOf)).toEqual(['A']);
    for (const c of [live, fromStart, fromSnapshot]) expect([c.dropped, c.outOfOrder]).toEqual([0, 0]);
  });

  describe('a seq taken at commit by a transaction that ends late, or not at all', () => {
    // A deferred trigger that runs at COMMIT after the seq is taken (triggers fire by name): it makes
    // the commit of an event marked 'slow' take 400 ms, and the commit of one marked 'fail' fail.
    beforeAll(async () => {
      const ds = t.app.get(DataSource);
      await ds.query(`CREATE FUNCTION test_late_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.payload->'data'->>'n' = 'slow' THEN PERFORM pg_sleep(0.4); END IF;
          IF NEW.payload->'data'->>'n' = 'fail' THEN RAISE EXCEPTION 'failing after the seq was taken'; END IF;
          RETURN NULL;
        END $$`);
      await ds.query(`CREATE CONSTRAINT TRIGGER event_zz_test_late_commit AFTER INSERT ON event
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_late_commit()`);
    });
    afterAll(async () => {
      const ds = t.app.get(DataSource);
      await ds.query('DROP TRIGGER event_zz_test_late_commit ON event');
      await ds.query('DROP FUNCTION test_late_commit()');
    });

    it('delivers a smaller seq that became visible after a larger one first, in seq order', async () => {
      const officer = await createUser(t, 'duty-late', 'duty_officer', { kind: 'street', streetId: s.street.id });
      const head = await t.app.get(EventLogRepository).head();
      const live = new ReplicaClient(t.url, officer.token, head);
      clients.push(live);
      await live.whenSynced();

      const slow = emitIn(t, gridJ(s, 0), 'slow'); // takes head + 1, then commits 400 ms later
      await new Promise((r) => setTimeout(r, 100));
      await emitIn(t, gridJ(s, 1), 'fast'); // head + 2, visible at once
      expect((await t.app.get(EventLogRepository).after(head, 10)).map(nOf)).toEqual(['fast']);
      await slow;

      await live.caughtUp(head + 2);
      expect(live.applied.filter((e) => e.seq > head).map((e) => [e.seq, nOf(e)])).toEqual([
        [head + 1, 'slow'],
        [head + 2, 'fast'],
      ]);
      expect([live.dropped, live.outOfOrder]).toEqual([0, 0]);
    });

    it('reads a snapshot at a seq no commit in flight can fall below', async () => {
      const officer = await createUser(t, 'duty-snap', 'duty_officer', { kind: 'street', streetId: s.street.id });
      const head = await t.app.get(EventLogRepository).head();
      const slow = emitIn(t, gridJ(s, 0), 'slow'); // takes head + 1, then commits 400 ms later
      await new Promise((r) => setTimeout(r, 100));
      // The snapshot waits for the slow commit, so its seq and its data both include it.
      const snap = await t.app.get(Db).snapshot(() => t.app.get(EventLogRepository).range(head, head + 10));
      await slow;
      expect(snap.seq).toBe(head + 1);
      expect(snap.result.map(nOf)).toEqual(['slow']);

      await emitIn(t, gridJ(s, 1), 'next');
      const fromSnapshot = new ReplicaClient(t.url, officer.token, snap.seq);
      clients.push(fromSnapshot);
      await fromSnapshot.caughtUp(head + 2);
      expect(fromSnapshot.applied.map(nOf)).toEqual(['next']);
      expect([fromSnapshot.dropped, fromSnapshot.outOfOrder]).toEqual([0, 0]);
    });

    it('steps over the seq of a commit that failed after taking it, live and on replay', async () => {
      const officer = await createUser(t, 'duty-fail', 'duty_officer', { kind: 'street', streetId: s.street.id });
      const events = t.app.get(EventLogRepository);
      const head = await events.head();
      const live = new ReplicaClient(t.url, officer.token, head);
      clients.push(live);
      await live.whenSynced();

      await expect(emitIn(t, gridJ(s, 0), 'fail')).rejects.toThrow(/failing after the seq was taken/);
      await emitIn(t, gridJ(s, 0), 'after');
      // head + 1 went to the failed commit and is never used.
      expect(await events.head()).toBe(head + 2);
      expect((await events.range(head, head + 2)).map((e) => [e.seq, nOf(e)])).toEqual([[head + 2, 'after']]);

      await live.caughtUp(head + 2);
      const replayed = new ReplicaClient(t.url, officer.token, head);
      clients.push(replayed);
      await replayed.caughtUp(head + 2);
      for (const c of [live, replayed]) {
        expect(c.applied.filter((e) => e.seq > head).map(nOf)).toEqual(['after']);
        expect([c.dropped, c.outOfOrder]).toEqual([0, 0]);
      }
    });
  });

  it('streams live events only to sockets whose scope covers them, and replays on sync', async () => {
    const grid0 = await createUser(t, 'g0', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    const officer = await createUser(t, 'duty', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const fire = await createUser(t, 'fire', 'dept_staff', {
      kind: 'department',
      streetId: s.street.id,
      departmentId: s.departments[0]!.id,
    });
    const head = await t.app.get(EventLogRepository).head();
    const a = new BoardClient(t.url, grid0.token, { autoSync: false });
    const b = new BoardClient(t.url, officer.token, { autoSync: false });
    const d = new BoardClient(t.url, fire.token, { autoSync: false });
    clients.push(a, b, d);
    await Promise.all([a.connected(), b.connected(), d.connected()]);
    for (const c of [a, b, d]) await c.sync(head);

    await emitIn(t, gridJ(s, 0), 1); // grid 0: grid leader and officer
    await emitIn(t, gridJ(s, 1), 2); // grid 1: officer only
    await emitIn(t, gridJ(other, 0), 3); // other street: nobody here
    await emitIn(t, { ...gridJ(s, 1), departmentIds: [s.departments[0]!.id] }, 4); // summons the fire department
    await emitIn(t, { ...gridJ(s, 3), gridId: null, communityId: null, streetWide: true }, 5); // the whole street
    await b.waitFor((ev) => ev.some((e) => nOf(e) === 5));
    await a.waitFor((ev) => ev.some((e) => nOf(e) === 5));
    await d.waitFor((ev) => ev.some((e) => nOf(e) === 5));
    await new Promise((r) => setTimeout(r, 200));
    const ns = (c: BoardClient) => c.events.map(nOf);
    expect(ns(a)).toEqual([1, 5]);
    expect(ns(b)).toEqual([1, 2, 4, 5]);
    expect(ns(d)).toEqual([4, 5]);

    // A late joiner replays exactly what it may see after the given seq.
    const late = new BoardClient(t.url, grid0.token, { autoSync: false });
    clients.push(late);
    await late.connected();
    const ack = await late.sync(head);
    expect(ack.ok).toBe(true);
    expect(ns(late)).toEqual([1, 5]);
    const lateFire = new BoardClient(t.url, fire.token, { autoSync: false });
    clients.push(lateFire);
    await lateFire.connected();
    await lateFire.sync(head);
    expect(ns(lateFire)).toEqual([4, 5]);
  });

  it('refuses an unauthenticated handshake and answers a bad message with an error ack, keeping the connection', async () => {
    const anon = new BoardClient(t.url, 'not-a-token', { autoSync: false });
    clients.push(anon);
    await expect(anon.connected()).rejects.toThrow(/errors\.unauthorized/);

    const officer = await createUser(t, 'duty2', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const c = new BoardClient(t.url, officer.token, { autoSync: false });
    clients.push(c);
    await c.connected();
    const bad = await c.send('sync', { since: 'yesterday' });
    expect(bad).toMatchObject({ ok: false, code: 'errors.validation', field: 'since' });
    expect(c.socket.connected).toBe(true);
    expect((await c.sync(0)).ok).toBe(true);
  });

  it('publishes nothing for a rolled-back command', async () => {
    const head = await t.app.get(EventLogRepository).head();
    await expect(
      t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
        ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data: {} }, gridJ(s, 0));
        await t.app.get(DataSource).manager.query('SELECT 1/0');
      }),
    ).rejects.toThrow();
    expect(await t.app.get(EventLogRepository).head()).toBe(head);
  });
});
