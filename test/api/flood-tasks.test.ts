import { randomUUID } from 'node:crypto';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { startApp, type TestApp } from '../support/app';
import { createStreet } from '../support/factories';
import { type FloodFixture, floodFixture, issue, taskAct, tasksOf, warningAct } from '../support/flood';
import { api } from '../support/incidents';
import { unmaskedPii } from '../support/pii';

/**
 * Transfer tasks: concurrent updates, refusal escalation, shelter check-in by the transfer card's QR
 * code, occupancy kept with the steps and the over-capacity alarm, return tracking after lifting,
 * and what grid-scoped cadres see.
 */
describe('flood transfer tasks', () => {
  let t: TestApp;
  let fx: FloodFixture;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startApp();
    fx = await floodFixture(t, await createStreet(t, 'FTK'), 'ftk');
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const head = () => t.app.get(EventLogRepository).head();
  const eventsSince = async (seq: number, type: string) =>
    (await ds.query(
      'SELECT payload, grid_id, street_wide, drill_id FROM event WHERE seq > $1 AND type = $2 ORDER BY seq',
      [seq, type],
    )) as { payload: any; grid_id: string | null; street_wide: boolean; drill_id: string | null }[];
  const occupancy = async (i: number) =>
    (await api(t, fx.cast.admin).get(`/api/geo/shelters/${fx.shelters[i]!.id}`)).body.occupancy as number;

  /** A fresh real warning over the given grids, with one new household per entry of `grids`. */
  async function warned(grids: number[], over: Record<string, unknown> = {}) {
    const hs = [];
    for (const g of grids) hs.push(await fx.household(g, over));
    const gridIds = [...new Set(grids)].map((g) => fx.s.grids[g]!.id);
    const w = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'grids', gridIds } })).body.warning;
    const tasks = await tasksOf(t, fx.cast.admin, w.id);
    return { w, hs, tasks: hs.map((h) => tasks.find((x) => x.floodHouseholdId === h.id)!) };
  }

  it('two cadres updating one task at once: one applies, the other gets 409 with the current task', async () => {
    const { tasks } = await warned([0]);
    const task = tasks[0]!;
    const [a, b] = await Promise.all([
      api(t, fx.cast.grid_leader).post(`/api/flood/tasks/${task.id}/actions/notify`, { version: task.version }),
      api(t, fx.cast.grid_worker).post(`/api/flood/tasks/${task.id}/actions/refuse`, {
        version: task.version,
        reason: '不愿走',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    const won = a.status === 200 ? a : b;
    expect(lost.body.code).toBe('errors.conflict');
    expect(lost.body.current).toMatchObject({ id: task.id, version: task.version + 1, state: won.body.task.state });
    const steps = (await api(t, fx.cast.admin).get(`/api/flood/tasks/${task.id}`)).body.timeline;
    expect(steps).toHaveLength(1);
  });

  it('refusal escalates at once: flood.task_refused for the leader on duty, with the reason scrubbed', async () => {
    const { tasks } = await warned([0]);
    const before = await head();
    const r = await taskAct(t, fx.cast.grid_worker, fx.cast.admin, tasks[0]!.id, 'refuse', {
      reason: '户主拒绝转移，其子电话13812345678',
    });
    expect([r.status, r.body.task.state]).toEqual([200, 'refused']);
    expect(r.body.task.refuseReason).toBe('户主拒绝转移，其子电话138****5678');
    const alarms = await eventsSince(before, 'flood.task_refused');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.payload).toMatchObject({
      escalatedTo: 'leader_on_duty',
      task: { id: tasks[0]!.id, state: 'refused' },
    });
    expect(alarms[0]!.grid_id).toBe(fx.s.grids[0]!.id); // street-wide roles (the leader) and the grid receive it
    expect(unmaskedPii(alarms[0]!.payload)).toEqual([]);
    // still turned around afterwards
    const moved = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, tasks[0]!.id, 'move');
    expect(moved.body.task.state).toBe('moving');
  });

  it('checks a household in by the QR code on its transfer card', async () => {
    const { hs, tasks } = await warned([2]);
    const card = await api(t, fx.cast.grid_worker).get(`/api/flood/households/${hs[0]!.id}/card`);
    expect(card.status).toBe(404); // grid 2 is not the worker's grid
    const own = (await api(t, fx.cast.duty_officer).get(`/api/flood/households/${hs[0]!.id}/card`)).body;
    expect(own.qrSvg).toMatch(/^<svg/);
    expect(unmaskedPii(own)).toEqual([]);
    const png = Buffer.from(own.qrPng.replace(/^data:image\/png;base64,/, ''), 'base64');
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const scanned = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(scanned?.data).toBe(hs[0]!.cardCode);
    // typed by hand: lower case, no dashes
    const typed = scanned!.data.toLowerCase().replace(/-/g, '');
    const r = await api(t, fx.cast.community_staff).post('/api/flood/checkin', {
      code: 'FX-0000-0000',
      shelterId: fx.shelters[1]!.id,
      people: 2,
    });
    expect([r.status, r.body.errors?.[0]?.field]).toEqual([400, 'code']);
    const before = await occupancy(1);
    // community staff of community 0 work where neither the household (grid 2) nor this shelter is
    const away = await api(t, fx.cast.community_staff).post('/api/flood/checkin', {
      code: typed,
      shelterId: fx.shelters[1]!.id,
      people: 2,
    });
    expect(away.status).toBe(404);
    const admin = await api(t, fx.cast.duty_officer).post('/api/flood/checkin', {
      code: typed,
      shelterId: fx.shelters[1]!.id,
      people: 3,
    });
    expect([admin.status, admin.body.task.id, admin.body.task.state, admin.body.task.people]).toEqual([
      200,
      tasks[0]!.id,
      'sheltered',
      3,
    ]);
    expect(admin.body.step).toMatchObject({ action: 'checkin', toState: 'sheltered', shelterId: fx.shelters[1]!.id });
    expect(await occupancy(1)).toBe(before + 3);
  });

  it('a household without an open task cannot be checked in', async () => {
    const h = await fx.household(3);
    const r = await api(t, fx.cast.duty_officer).post('/api/flood/checkin', {
      code: h.cardCode,
      shelterId: fx.shelters[1]!.id,
      people: 1,
    });
    expect([r.status, r.body.code]).toEqual([409, 'errors.flood_no_open_task']);
  });

  it('keeps occupancy with every step and raises the over-capacity alarm when a shelter fills past capacity', async () => {
    const { w, tasks } = await warned([0, 0]);
    const start = await occupancy(0);
    expect(start).toBe(0);
    const before = await head();
    await taskAct(t, fx.cast.grid_worker, fx.cast.admin, tasks[0]!.id, 'shelter', {
      shelterId: fx.shelters[0]!.id,
      people: 3,
    });
    expect(await eventsSince(before, 'flood.shelter_over_capacity')).toHaveLength(0);
    await taskAct(t, fx.cast.grid_worker, fx.cast.admin, tasks[1]!.id, 'shelter', {
      shelterId: fx.shelters[0]!.id,
      people: 2,
    });
    expect(await occupancy(0)).toBe(5);
    const alarms = await eventsSince(before, 'flood.shelter_over_capacity');
    expect(alarms.map((a) => a.payload)).toEqual([
      {
        warningId: w.id,
        taskId: tasks[1]!.id,
        shelter: expect.objectContaining({
          shelterId: fx.shelters[0]!.id,
          capacity: 4,
          occupancy: 5,
          overCapacity: true,
        }),
      },
    ]);
    const shelterEvents = await eventsSince(before, 'geo.changed');
    expect(shelterEvents.map((e) => e.payload.data.occupancy)).toEqual([3, 5]);
    // relieve it: one family moves to the other shelter, the other to relatives
    await taskAct(t, fx.cast.duty_officer, fx.cast.admin, tasks[0]!.id, 'shelter', {
      shelterId: fx.shelters[1]!.id,
      people: 3,
    });
    expect(await occupancy(0)).toBe(2);
    await taskAct(t, fx.cast.duty_officer, fx.cast.admin, tasks[1]!.id, 'self_arrange', { people: 2 });
    expect(await occupancy(0)).toBe(0);
    const progress = (await api(t, fx.cast.display).get(`/api/flood/warnings/${w.id}/progress`)).body;
    expect(progress.totals).toMatchObject({
      households: 2,
      people: 4,
      byState: { sheltered: { households: 1, people: 3 }, self_arranged: { households: 1, people: 2 } },
      accounted: { households: 2, people: 5 },
    });
    expect(progress.atHome).toBeNull(); // the big screen shows counts, not who is at home
    // lifting starts return tracking; returning empties the shelter
    await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'lift');
    const other = await occupancy(1);
    const back = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, tasks[0]!.id, 'return');
    expect([back.body.task.state, back.body.task.shelterId, back.body.task.returnedAt]).toEqual([
      'returned',
      null,
      expect.any(String),
    ]);
    expect(await occupancy(1)).toBe(other - 3);
    await taskAct(t, fx.cast.grid_leader, fx.cast.admin, tasks[1]!.id, 'return');
    const closed = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'close');
    expect(closed.status).toBe(200);
  });

  it('progress lists who is still at home to those who transfer, within their jurisdiction', async () => {
    const { w, tasks } = await warned([0, 2]);
    await taskAct(t, fx.cast.admin, fx.cast.admin, tasks[0]!.id, 'notify');
    const worker = (await api(t, fx.cast.grid_worker).get(`/api/flood/warnings/${w.id}/progress`)).body;
    // (households of earlier, closed warnings in grid 0 are covered again)
    const seen = new Map(worker.atHome.map((x: { taskId: string; state: string }) => [x.taskId, x.state]));
    expect([seen.get(tasks[0]!.id), seen.has(tasks[1]!.id)]).toEqual(['notified', false]);
    expect(new Set(worker.atHome.map((x: { gridId: string }) => x.gridId))).toEqual(new Set([fx.s.grids[0]!.id]));
    expect(worker.totals.households).toBe(w.households); // counts are the whole warning's
    const duty = (await api(t, fx.cast.duty_officer).get(`/api/flood/warnings/${w.id}/progress`)).body;
    expect(duty.atHome).toHaveLength(w.households);
    expect(duty.atHome.find((x: { taskId: string }) => x.taskId === tasks[1]!.id)).toMatchObject({
      headName: '张*丰',
      cadreName: '李包保',
      cadrePhone: '139****2222',
      state: 'pending',
    });
    expect(duty.byGrid.map((g: { gridId: string }) => g.gridId)).toEqual([fx.s.grids[0]!.id, fx.s.grids[2]!.id]);
    expect(unmaskedPii(duty)).toEqual([]);
  });

  it('grid-scoped cadres list their grid’s tasks; mine=true lists the households they are the cadre of', async () => {
    const mine = await fx.household(0, {
      cadreUserId: fx.cast.grid_worker.user.id,
      cadreName: undefined,
      cadrePhone: undefined,
    });
    expect(mine).toMatchObject({
      cadreUserId: fx.cast.grid_worker.user.id,
      cadreName: fx.cast.grid_worker.user.username,
    });
    const { w, tasks } = await warned([0, 2]);
    const listed = (await api(t, fx.cast.grid_worker).get(`/api/flood/tasks?warningId=${w.id}`)).body;
    expect(new Set(listed.items.map((x: { gridId: string }) => x.gridId))).toEqual(new Set([fx.s.grids[0]!.id]));
    const ids = listed.items.map((x: { id: string }) => x.id);
    expect([ids.includes(tasks[0]!.id), ids.includes(tasks[1]!.id)]).toEqual([true, false]);
    expect(unmaskedPii(listed)).toEqual([]);
    const all = (await api(t, fx.cast.grid_worker).get('/api/flood/tasks?mine=true&open=true&limit=1000')).body;
    expect(all.items.map((x: { floodHouseholdId: string }) => x.floodHouseholdId)).toEqual([mine.id]);
    const dept = (await api(t, fx.cast.dept_staff).get(`/api/flood/tasks?warningId=${w.id}`)).body;
    expect(dept.items).toEqual([]);
  });

  it('answers 400 naming the field for a missing shelter, a shelter of another street and bad people', async () => {
    const { tasks } = await warned([0]);
    const id = tasks[0]!.id;
    const missing = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, id, 'shelter', { people: 2 });
    expect([missing.status, missing.body.errors[0].field]).toEqual([400, 'shelterId']);
    const other = await createStreet(t, 'FTKX', 117);
    const elsewhere = await api(t, fx.cast.admin).post('/api/geo/shelters', {
      name: '外街安置点',
      lat: other.grids[0]!.minLat + 0.005,
      lng: other.grids[0]!.minLng + 0.005,
      capacity: 10,
    });
    const wrong = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, id, 'shelter', {
      shelterId: elsewhere.body.id,
      people: 2,
    });
    expect([wrong.status, wrong.body.errors[0].field]).toEqual([400, 'shelterId']);
    const zero = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, id, 'self_arrange', { people: 0 });
    expect([zero.status, zero.body.errors[0].field]).toEqual([400, 'people']);
    const unknown = await taskAct(t, fx.cast.grid_leader, fx.cast.admin, id, 'fly');
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([400, 'action']);
  });
  it('a step resent with its clientId answers the step it took: once, also for copies at once and a moved version', async () => {
    const { tasks } = await warned([0]);
    const task = tasks[0]!;
    const occupied = await occupancy(0);
    const url = (a: string) => `/api/flood/tasks/${task.id}/actions/${a}`;
    const notify = { version: task.version, clientId: randomUUID() };
    const first = await api(t, fx.cast.grid_worker).post(url('notify'), notify);
    expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([200, null]);
    // the phone never heard the answer and sends it again, based on the version it had
    const again = await api(t, fx.cast.grid_worker).post(url('notify'), notify);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body.step.id).toBe(first.body.step.id);
    expect(again.body.task).toMatchObject({ state: 'notified', version: task.version + 1 });
    // the next step queued behind it, twice at once (a retry racing the first send)
    const shelter = {
      version: task.version + 1,
      clientId: randomUUID(),
      shelterId: fx.shelters[0]!.id,
      people: 2,
    };
    const copies = await Promise.all([1, 2].map(() => api(t, fx.cast.grid_worker).post(url('shelter'), shelter)));
    expect(copies.map((c) => c.status)).toEqual([200, 200]);
    expect(copies.map((c) => c.headers.get('idempotent-replayed') ?? 'false').sort()).toEqual(['false', 'true']);
    expect(copies[0]!.body.step.id).toBe(copies[1]!.body.step.id);
    expect(await occupancy(0)).toBe(occupied + 2); // counted once
    // another user's clientId is theirs alone: the same id from the leader is a step of its own, judged on its version
    const leader = await api(t, fx.cast.grid_leader).post(url('notify'), notify);
    expect([leader.status, leader.body.code]).toEqual([409, 'errors.conflict']);
    // a clientId reused for another step is refused with the task as it is
    const reused = await api(t, fx.cast.grid_worker).post(url('move'), { ...notify, version: task.version + 2 });
    expect([reused.status, reused.body.code, reused.body.current?.state]).toEqual([
      409,
      'errors.client_id_taken',
      'sheltered',
    ]);
    const steps = (await api(t, fx.cast.admin).get(`/api/flood/tasks/${task.id}`)).body.timeline;
    expect(steps.map((x: { action: string }) => x.action)).toEqual(['notify', 'shelter']);
  });
});
