import { type BoardEvent, EVENT_SCHEMAS, type EventType } from '@gridboard/shared';
import { startApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { REDIS_URL } from '../support/env';
import { createStreet, createUser, type TestUser } from '../support/factories';
import { type FloodFixture, floodFixture, issue, taskAct, tasksOf } from '../support/flood';
import { api } from '../support/incidents';
import { unmaskedPii } from '../support/pii';
import { BoardClient } from '../support/socket';

/**
 * A flood warning, live, through real socket.io clients on two server instances sharing one database
 * and one Redis: the banner reaches everyone on the street, each grid's cadres receive exactly their
 * tasks, progress counters reach everyone without a refetch, the leader on duty gets the refusal alarm
 * and the duty room the over-capacity alarm. Every payload is valid against EVENT_SCHEMAS and PII-free.
 */
describe('a flood warning, live', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let fx: FloodFixture;
  let grid2Leader: TestUser;
  const clients = {} as Record<'duty' | 'leader' | 'grid0' | 'grid2' | 'dept' | 'display', BoardClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { REDIS_URL, REDIS_NAMESPACE: `floodrt${Date.now().toString(36)}` };
    a = await startApp(env, db);
    b = await startApp(env, db);
    fx = await floodFixture(a, await createStreet(a, 'FRT'), 'frt');
    grid2Leader = await createUser(a, 'frt-gl2', 'grid_leader', {
      kind: 'grids',
      streetId: fx.s.street.id,
      gridIds: [fx.s.grids[2]!.id],
    });
    await fx.household(0, { personCount: 3 });
    await fx.household(0, { personCount: 2 });
    await fx.household(2, { personCount: 1 });
    const tokens = {
      duty: fx.cast.duty_officer.token,
      leader: fx.cast.leader.token,
      grid0: fx.cast.grid_leader.token,
      grid2: grid2Leader.token,
      dept: fx.cast.dept_staff.token,
      display: fx.cast.display.token,
    };
    let i = 0;
    for (const [k, token] of Object.entries(tokens) as [keyof typeof clients, string][]) {
      clients[k] = new BoardClient(i++ % 2 ? b.url : a.url, token);
      await clients[k].connected();
    }
  });
  afterAll(async () => {
    Object.values(clients).forEach((c) => c.close());
    await a.close();
    await b.close();
    await db.drop();
  });

  const of = (c: BoardClient, type: EventType) => c.events.filter((e) => e.type === type);
  const last = <T extends EventType>(c: BoardClient, type: T) => of(c, type).at(-1) as BoardEvent<T> | undefined;

  it('streams the warning, each grid’s tasks, progress, alarms — each to whom it concerns', async () => {
    const res = await issue(a, fx.cast.duty_officer, { level: 'red', scope: { kind: 'street' } });
    expect(res.status).toBe(201);
    const w = res.body.warning;
    const all = Object.values(clients);
    await Promise.all(all.map((c) => c.waitFor((ev) => ev.some((e) => e.type === 'flood.progress'))));
    for (const c of all) expect(last(c, 'flood.warning.issued')?.payload.warning.id).toBe(w.id);
    const created = (c: BoardClient) =>
      of(c, 'flood.tasks.created').flatMap((e) => (e as BoardEvent<'flood.tasks.created'>).payload.tasks);
    expect(created(clients.grid0).map((x) => x.gridId)).toEqual([fx.s.grids[0]!.id, fx.s.grids[0]!.id]);
    expect(created(clients.grid2).map((x) => x.gridId)).toEqual([fx.s.grids[2]!.id]);
    expect(created(clients.duty)).toHaveLength(3);
    expect(created(clients.dept)).toEqual([]);
    expect(last(clients.dept, 'flood.progress')!.payload.totals).toMatchObject({ households: 3, people: 6 });

    // a grid-0 cadre shelters a family: counters move for everyone, the task itself only where it belongs
    const tasks = await tasksOf(a, fx.cast.admin, w.id);
    const [t0, t1] = tasks.filter((x) => x.gridId === fx.s.grids[0]!.id);
    const t2 = tasks.find((x) => x.gridId === fx.s.grids[2]!.id)!;
    await taskAct(b, fx.cast.grid_worker, fx.cast.admin, t0!.id, 'shelter', {
      shelterId: fx.shelters[0]!.id,
      people: 3,
    });
    const sheltered = (ev: BoardEvent[]) =>
      ev.some(
        (e) =>
          e.type === 'flood.progress' &&
          (e as BoardEvent<'flood.progress'>).payload.totals.byState.sheltered.people === 3,
      );
    await Promise.all([clients.display, clients.grid2, clients.dept].map((c) => c.waitFor(sheltered)));
    await clients.grid0.waitFor((ev) => ev.some((e) => e.type === 'flood.task.changed'));
    expect(last(clients.grid0, 'flood.task.changed')!.payload.task).toMatchObject({
      id: t0!.id,
      state: 'sheltered',
      people: 3,
    });
    const shelterRow = last(clients.display, 'flood.progress')!.payload.byShelter.find(
      (s) => s.shelterId === fx.shelters[0]!.id,
    )!;
    expect(shelterRow).toMatchObject({ capacity: 4, occupancy: 3, fromWarning: 3, overCapacity: false });

    // the second family fills the 4-bed shelter past capacity: the duty room's alarm
    await taskAct(a, fx.cast.grid_leader, fx.cast.admin, t1!.id, 'shelter', {
      shelterId: fx.shelters[0]!.id,
      people: 2,
    });
    await clients.duty.waitFor((ev) => ev.some((e) => e.type === 'flood.shelter_over_capacity'));
    expect(last(clients.duty, 'flood.shelter_over_capacity')!.payload.shelter).toMatchObject({
      occupancy: 5,
      capacity: 4,
    });

    // grid 2 refuses: the leader on duty's alarm, not grid 0's business
    await taskAct(b, grid2Leader, fx.cast.admin, t2.id, 'refuse', { reason: '不肯走' });
    await clients.leader.waitFor((ev) => ev.some((e) => e.type === 'flood.task_refused'));
    expect(last(clients.leader, 'flood.task_refused')!.payload).toMatchObject({
      escalatedTo: 'leader_on_duty',
      task: { id: t2.id },
    });
    await clients.grid2.waitFor((ev) => ev.some((e) => e.type === 'flood.task_refused'));
    await clients.duty.waitFor((ev) => ev.filter((e) => e.type === 'flood.progress').length >= 4);
    expect(of(clients.grid0, 'flood.task_refused')).toEqual([]);
    expect(of(clients.dept, 'flood.task.changed')).toEqual([]);

    // the live counters equal what the REST progress says
    const rest = (await api(a, fx.cast.duty_officer).get(`/api/flood/warnings/${w.id}/progress`)).body;
    const { atHome: _atHome, ...counts } = rest;
    expect(last(clients.duty, 'flood.progress')!.payload).toEqual(counts);

    for (const c of all) {
      for (const e of c.events.filter((x) => x.type.startsWith('flood.'))) {
        expect(EVENT_SCHEMAS[e.type].safeParse(e.payload).success).toBe(true);
        expect(unmaskedPii(e.payload)).toEqual([]);
      }
    }
  });

  it('a client that reconnects replays the flood events it may see, and only those', async () => {
    const late = new BoardClient(b.url, fx.cast.dept_staff.token, { autoSync: false });
    await late.connected();
    await late.sync(0);
    await late.waitFor((ev) => ev.some((e) => e.type === 'flood.warning.issued'));
    const types = new Set(late.events.map((e) => e.type));
    expect(types.has('flood.progress')).toBe(true);
    expect(types.has('flood.tasks.created')).toBe(false);
    expect(types.has('flood.task.changed')).toBe(false);
    late.close();
  });
});
