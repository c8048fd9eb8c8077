import { randomBytes } from 'node:crypto';
import type { ItemPresence, OnlineUser } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { startApp, type TestApp } from '../support/app';
import { REDIS_URL } from '../support/env';
import { emitIn, gridJ } from '../support/events';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { ServerInstance } from '../support/instances';
import { ReplicaClient } from '../support/replica';

/** Waits until `fn` returns a truthy value, polling. */
async function until<T>(fn: () => T, ms = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Several server instances as separate processes over one PostgreSQL and one Redis (namespaced to this
 * file), plus the in-process instance `t` that writes through Commands. Clients of one instance see the
 * writes of another, presence spans instances, and exactly one instance runs the scheduler.
 */
describe('scale-out: instances in separate processes share PostgreSQL and Redis', () => {
  const ns = `gbt-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let a: ServerInstance;
  let b: ServerInstance;
  let s: StreetFixture;
  const clients: ReplicaClient[] = [];
  const client = (url: string, u: TestUser, since = 0) => {
    const c = new ReplicaClient(url, u.token, since);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startApp({ REDIS_URL, REDIS_NAMESPACE: ns });
    const opts = { databaseUrl: t.db.url!, redisNamespace: ns, env: { SCHEDULER_INTERVAL_MS: '200' } };
    [a, b] = await Promise.all([
      ServerInstance.start({ ...opts, name: 'a' }),
      ServerInstance.start({ ...opts, name: 'b' }),
    ]);
    s = await createStreet(t, 'SO');
  }, 120_000); // three server instances booting on a busy machine
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await t?.close();
  });

  it('delivers a write committed by one instance to the permitted clients of the others', async () => {
    const grid0 = await createUser(t, 'so-g0', 'grid_worker', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    const officer = await createUser(t, 'so-duty', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const head = Number((await (await fetch(`${a.url}/api/health`)).json()).eventSeq);
    const onA = client(a.url, grid0, head);
    const onB = client(b.url, officer, head);
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);

    await emitIn(t, gridJ(s, 0), { n: 1 });
    await emitIn(t, gridJ(s, 3), { n: 2 });
    await onB.caughtUp(head + 2);
    await onA.caughtUp(head + 1);
    await new Promise((r) => setTimeout(r, 300));
    const ns = (c: ReplicaClient) => c.applied.map((e) => (e.payload as { data: { n: number } }).data.n);
    expect(ns(onA)).toEqual([1]);
    expect(ns(onB)).toEqual([1, 2]);
  });

  it('delivers a REST write through one instance to a client on the other, both ways', async () => {
    const admin = await createUser(t, 'so-admin', 'admin', { kind: 'street', streetId: s.street.id });
    const officer = await createUser(t, 'so-duty2', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const head = Number((await (await fetch(`${a.url}/api/health`)).json()).eventSeq);
    const onA = client(a.url, officer, head);
    const onB = client(b.url, officer, head);
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);
    const path = `/api/geo/grids/${s.grids[1]!.id}`;
    const v1 = await http(a.url, admin.token).patch(path, { version: s.grids[1]!.version, name: '经A修改' });
    expect(v1.status).toBe(200);
    const v2 = await http(b.url, admin.token).patch(path, { version: v1.body.version, name: '经B修改' });
    expect(v2.status).toBe(200);
    for (const c of [onA, onB]) {
      await c.caughtUp(head + 2);
      expect(c.applied.map((e) => (e.payload as { data: { name: string } }).data.name)).toEqual(['经A修改', '经B修改']);
    }
  });

  it('shows who is online in my jurisdiction and who is viewing or editing an item, across instances, cleared on disconnect', async () => {
    const s = await createStreet(t, 'PR', 116); // a street of its own: nobody else online there
    const scope = (i: number) => ({ kind: 'grids' as const, streetId: s.street.id, gridIds: [s.grids[i]!.id] });
    const worker0 = await createUser(t, 'pr-w0', 'grid_worker', scope(0));
    const worker3 = await createUser(t, 'pr-w3', 'grid_worker', scope(3));
    const staff1 = await createUser(t, 'pr-c1', 'community_staff', {
      kind: 'communities',
      streetId: s.street.id,
      communityIds: [s.communities[0]!.id],
    });
    const officer = await createUser(t, 'pr-duty', 'duty_officer', { kind: 'street', streetId: s.street.id });

    const online = new Map<string, OnlineUser[]>();
    const items = new Map<string, ItemPresence>();
    const leaks: string[] = [];
    const outside: Record<string, string[]> = { w0: ['pr-w3'], w3: ['pr-w0', 'pr-c1'], c1: ['pr-w3'], duty: [] };
    const watch = (name: string, c: ReplicaClient) => {
      c.socket.on('presence.online', (p: { users: OnlineUser[] }) => {
        online.set(name, p.users);
        for (const u of p.users) if (outside[name]!.includes(u.displayName)) leaks.push(`${name} saw ${u.displayName}`);
      });
      c.socket.on('presence.item', (p: ItemPresence) => items.set(name, p));
      return c;
    };
    const names = (who: string) => (online.get(who) ?? []).map((u) => u.displayName).sort();
    const w0 = watch('w0', client(a.url, worker0));
    const w3 = watch('w3', client(b.url, worker3));
    const c1 = watch('c1', client(b.url, staff1));
    const duty = watch('duty', client(a.url, officer));
    await Promise.all([w0, w3, c1, duty].map((c) => c.whenSynced()));

    // The officer sees everyone; a grid worker sees the officer and the staff of its community, not
    // the worker of a grid in another community; the community staff see their grid's worker.
    const eventually = (who: string, expected: string[]) =>
      until(
        () => JSON.stringify(names(who)) === JSON.stringify(expected),
        10_000,
        `${who} to see ${expected.join(', ')}`,
      );
    await eventually('duty', ['pr-c1', 'pr-duty', 'pr-w0', 'pr-w3']);
    await eventually('w0', ['pr-c1', 'pr-duty', 'pr-w0']);
    await eventually('w3', ['pr-duty', 'pr-w3']);
    await eventually('c1', ['pr-c1', 'pr-duty', 'pr-w0']);
    // No list ever showed a user outside the recipient's jurisdiction.
    expect(leaks).toEqual([]);

    // Item presence: policy-checked against the item's jurisdiction, shared by instances A and B.
    const grid0 = s.grids[0]!.id;
    const elsewhere = (await createStreet(t, 'PX', 117)).grids[0]!.id; // another street: not w3's to see
    expect(
      await w3.socket.emitWithAck('presence.set', { itemType: 'grid', itemId: elsewhere, mode: 'viewing' }),
    ).toMatchObject({ ok: false, code: 'errors.not_found' });
    const set0 = await w0.socket.emitWithAck('presence.set', { itemType: 'grid', itemId: grid0, mode: 'editing' });
    expect(set0.ok).toBe(true);
    const setC = await c1.socket.emitWithAck('presence.set', { itemType: 'grid', itemId: grid0, mode: 'viewing' });
    expect(
      setC.data.users.map((u: { displayName: string; mode: string }) => `${u.displayName}:${u.mode}`).sort(),
    ).toEqual(['pr-c1:viewing', 'pr-w0:editing']);
    await until(() => items.get('w0')?.users.length === 2, 5_000, 'w0 (on A) to hear that c1 (on B) is viewing');

    // Disconnecting w0 (on A) clears its item presence and its online entry for the watchers on B.
    w0.close();
    await until(() => items.get('c1')?.users.length === 1, 5_000, 'c1 to see w0 leave the item');
    expect(items.get('c1')!.users.map((u) => u.displayName)).toEqual(['pr-c1']);
    await eventually('c1', ['pr-c1', 'pr-duty']);
    const clear = await c1.socket.emitWithAck('presence.clear', { itemType: 'grid', itemId: grid0 });
    expect(clear).toMatchObject({ ok: true, data: { users: [] } });
  });

  it("drops a user's sockets on every instance when the user is changed", async () => {
    const u = await createUser(t, 'so-changed', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const onA = client(a.url, u);
    const onB = client(b.url, u);
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);
    await t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
      ctx.emit('auth.user_changed', { userId: u.user.id }, { ...gridJ(s, 0), gridId: null, communityId: null });
    });
    await until(() => onA.disconnects > 0 && onB.disconnects > 0, 5_000, 'both sockets to be dropped');
    // Not revoked (the user is still valid): both reconnect and resync.
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);
  });

  it('runs the scheduler on exactly one instance at a time, and another takes over when the leader dies', async () => {
    const from = Date.now();
    await until(() => a.ticksSince(from).length + b.ticksSince(from).length >= 5, 10_000, 'scheduler ticks');
    await new Promise((r) => setTimeout(r, 1_000));
    const [ta, tb] = [a.ticksSince(from).length, b.ticksSince(from).length];
    expect(Math.min(ta, tb)).toBe(0);
    const [leader, follower] = ta > 0 ? [a, b] : [b, a];

    await leader.stop('SIGKILL');
    const killedAt = Date.now();
    await until(() => follower.ticksSince(killedAt).length >= 3, 15_000, 'the follower to take over');

    // The old leader comes back as a follower: still one scheduler.
    await leader.start();
    const back = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(leader.ticksSince(back)).toEqual([]);
    expect(follower.ticksSince(back).length).toBeGreaterThan(3);
  });
});
