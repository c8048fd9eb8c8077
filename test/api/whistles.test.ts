import { Clock } from '@gridboard/server/command/clock';
import { DepartmentEntity } from '@gridboard/server/geo/department.entity';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { api, type Cast, createCast, newIncident, read } from '../support/incidents';

const MIN = 60_000;

describe('whistles API (吹哨报到)', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let dept1: TestUser;
  let dept2: TestUser;
  let third: DepartmentEntity;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'WHI');
    cast = await createCast(t, s, 'whi');
    third = await t.app.get(DataSource).manager.save(DepartmentEntity, {
      streetId: s.street.id,
      code: 'WHI-police',
      name: '派出所',
      kind: 'police',
      dutyPhone: null,
    });
    dept1 = await createUser(t, 'whi-dept1', 'dept_staff', {
      kind: 'department',
      streetId: s.street.id,
      departmentId: s.departments[1]!.id,
    });
    dept2 = await createUser(t, 'whi-dept2', 'dept_staff', {
      kind: 'department',
      streetId: s.street.id,
      departmentId: third.id,
    });
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  async function incident() {
    const r = await api(t, cast.grid_worker).post(
      '/api/incidents',
      newIncident(s, { category: 'fire', title: '堆物堵塞消防通道' }),
    );
    expect(r.status).toBe(201);
    return r.body.incident;
  }

  async function blow(by: TestUser = cast.grid_leader, departments = [s.departments[0]!.id, s.departments[1]!.id]) {
    const inc = await incident();
    const r = await api(t, by).post('/api/whistles', {
      incidentId: inc.id,
      reason: '网格无法单独处置，需消防、水务到场',
      departments: departments.map((departmentId, n) =>
        n === 1 ? { departmentId, reportWithinMinutes: 45 } : { departmentId },
      ),
    });
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    return { incident: inc, whistle: r.body.whistle, step: r.body.step };
  }

  const summonsOf = (w: { summons: { departmentId: string }[] }, deptId: string) =>
    w.summons.find((x: { departmentId: string }) => x.departmentId === deptId) as unknown as {
      id: string;
      version: number;
      state: string;
    };

  async function summonsAct(u: TestUser, whistleId: string, deptId: string, action: string, body: object = {}) {
    const w = (await api(t, cast.admin).get(`/api/whistles/${whistleId}`)).body;
    const sm = summonsOf(w, deptId);
    return api(t, u).post(`/api/whistles/${whistleId}/summons/${sm.id}/actions/${action}`, {
      version: sm.version,
      ...body,
    });
  }

  async function whistleAct(u: TestUser, whistleId: string, action: string, body: object = {}) {
    const w = (await api(t, cast.admin).get(`/api/whistles/${whistleId}`)).body;
    return api(t, u).post(`/api/whistles/${whistleId}/actions/${action}`, { version: w.version, ...body });
  }

  it('blows: one summons per department with its report-for-duty deadline (default 30 minutes)', async () => {
    const { whistle, step, incident: inc } = await blow();
    expect(whistle).toMatchObject({ state: 'open', level: 1, incidentId: inc.id, blownByName: 'whi-grid_leader' });
    expect(whistle.incident).toMatchObject({ number: inc.number, title: '堆物堵塞消防通道', category: 'fire' });
    expect(step.action).toBe('blow');
    const blownAt = Date.parse(whistle.blownAt);
    const s0 = whistle.summons.find((x: { departmentId: string }) => x.departmentId === s.departments[0]!.id);
    const s1 = whistle.summons.find((x: { departmentId: string }) => x.departmentId === s.departments[1]!.id);
    expect(Date.parse(s0.deadline) - blownAt).toBe(30 * MIN);
    expect(Date.parse(s1.deadline) - blownAt).toBe(45 * MIN);
    expect(Date.parse(whistle.resolveBy) - blownAt).toBe(24 * 60 * MIN);
    // The incident's timeline records the whistle.
    const detail = await read(t, cast.admin, inc.id);
    expect(detail.timeline.map((x: { action: string }) => x.action)).toEqual(['report', 'whistle']);
  });

  it('shows a whistle to its grid and its summoned departments only', async () => {
    const { whistle } = await blow();
    for (const u of [cast.grid_leader, cast.dept_staff, dept1, cast.duty_officer, cast.leader]) {
      expect((await api(t, u).get(`/api/whistles/${whistle.id}`)).status).toBe(200);
    }
    expect((await api(t, dept2).get(`/api/whistles/${whistle.id}`)).status).toBe(404);
    const list = await api(t, dept2).get('/api/whistles');
    expect(list.body.items.map((w: { id: string }) => w.id)).not.toContain(whistle.id);
  });

  it('refuses roles without whistle.blow, a second open whistle, and departments of another street', async () => {
    const inc = await incident();
    const body = { incidentId: inc.id, reason: 'x', departments: [{ departmentId: s.departments[0]!.id }] };
    expect((await api(t, cast.grid_worker).post('/api/whistles', body)).status).toBe(403);
    expect((await api(t, cast.dept_staff).post('/api/whistles', body)).status).toBe(403);
    expect((await api(t, cast.duty_officer).post('/api/whistles', body)).status).toBe(201);
    const again = await api(t, cast.grid_leader).post('/api/whistles', body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('errors.whistle_open');
    const inc2 = await incident();
    const foreign = await api(t, cast.grid_leader).post('/api/whistles', {
      incidentId: inc2.id,
      reason: 'x',
      departments: [{ departmentId: '00000000-0000-4000-8000-000000000001' }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('departments[0].departmentId');
    const none = await api(t, cast.grid_leader).post('/api/whistles', {
      incidentId: inc2.id,
      reason: 'x',
      departments: [],
    });
    expect(none.status).toBe(400);
  });

  it('keeps one open whistle per incident even when two are blown at the same moment', async () => {
    const inc = await incident();
    const body = { incidentId: inc.id, reason: '同时吹哨', departments: [{ departmentId: s.departments[0]!.id }] };
    const results = await Promise.all([
      api(t, cast.grid_leader).post('/api/whistles', body),
      api(t, cast.duty_officer).post('/api/whistles', body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('errors.whistle_open');
  });

  it('runs 签收 → 报到 → 反馈 per department; only the summoned department acts; confirm waits for everyone', async () => {
    const { whistle } = await blow();
    const d0 = s.departments[0]!.id;
    const d1 = s.departments[1]!.id;
    const wrongDept = await summonsAct(dept1, whistle.id, d0, 'acknowledge');
    expect(wrongDept.status).toBe(403);
    expect(wrongDept.body.code).toBe('errors.not_summoned');
    const ack = await summonsAct(cast.dept_staff, whistle.id, d0, 'acknowledge');
    expect(ack.status).toBe(200);
    expect(summonsOf(ack.body.whistle, d0).state).toBe('acknowledged');
    const arrive = await summonsAct(cast.dept_staff, whistle.id, d0, 'arrive', { lat: 30.505, lng: 114.305 });
    expect(arrive.status).toBe(200);
    expect(summonsOf(arrive.body.whistle, d0)).toMatchObject({ state: 'on_site', arrivedLat: 30.505 });
    expect(arrive.body.step.detail.onTime).toBe(true);
    const early = await whistleAct(cast.grid_leader, whistle.id, 'confirm');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('errors.summons_pending');
    expect((await summonsAct(cast.dept_staff, whistle.id, d0, 'report', { result: '已清理通道' })).status).toBe(200);
    // 报到 without 签收 first is allowed (arrive from summoned), and signs for it too.
    const direct = await summonsAct(dept1, whistle.id, d1, 'arrive');
    expect(summonsOf(direct.body.whistle, d1)).toMatchObject({ state: 'on_site' });
    expect((summonsOf(direct.body.whistle, d1) as unknown as { acknowledgedAt: string }).acknowledgedAt).not.toBeNull();
    const noResult = await summonsAct(dept1, whistle.id, d1, 'report', {});
    expect(noResult.status).toBe(400);
    expect((await summonsAct(dept1, whistle.id, d1, 'report', { result: '排水完毕', resolved: true })).status).toBe(
      200,
    );
    const twice = await summonsAct(dept1, whistle.id, d1, 'report', { result: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('errors.transition_not_allowed');
    const confirm = await whistleAct(cast.grid_leader, whistle.id, 'confirm', { note: '现场已恢复' });
    expect(confirm.status).toBe(200);
    expect(confirm.body.whistle).toMatchObject({ state: 'closed' });
    const late = await summonsAct(cast.dept_staff, whistle.id, d0, 'report', { result: 'x' });
    expect(late.status).toBe(409);
    const detail = (await api(t, cast.grid_leader).get(`/api/whistles/${whistle.id}`)).body;
    expect(detail.timeline.map((x: { action: string }) => x.action)).toEqual([
      'blow',
      'acknowledge',
      'arrive',
      'report',
      'arrive',
      'report',
      'confirm',
    ]);
  });

  it('raises a level adding departments, never re-summoning those already there; stops at level 3', async () => {
    const { whistle } = await blow(cast.grid_leader, [s.departments[0]!.id]);
    await summonsAct(cast.dept_staff, whistle.id, s.departments[0]!.id, 'arrive');
    const noReason = await whistleAct(cast.grid_leader, whistle.id, 'raise', { departments: [] });
    expect(noReason.status).toBe(400);
    const r = await whistleAct(cast.grid_leader, whistle.id, 'raise', {
      reason: '需派出所协助',
      departments: [{ departmentId: s.departments[0]!.id }, { departmentId: third.id, reportWithinMinutes: 20 }],
    });
    expect(r.status).toBe(200);
    expect(r.body.whistle.level).toBe(2);
    expect(r.body.whistle.summons).toHaveLength(2);
    expect(summonsOf(r.body.whistle, s.departments[0]!.id)).toMatchObject({ state: 'on_site', level: 1 });
    expect(summonsOf(r.body.whistle, third.id)).toMatchObject({ state: 'summoned', level: 2 });
    expect(r.body.step.detail).toEqual({
      level: 2,
      addedDepartmentIds: [third.id],
      alreadySummoned: [s.departments[0]!.id],
    });
    // The newly summoned department now sees it.
    expect((await api(t, dept2).get(`/api/whistles/${whistle.id}`)).status).toBe(200);
    expect((await whistleAct(cast.duty_officer, whistle.id, 'raise', { reason: '区级部门' })).status).toBe(200);
    const top = await whistleAct(cast.leader, whistle.id, 'raise', { reason: 'more' });
    expect(top.status).toBe(409);
    expect(top.body.code).toBe('errors.max_level');
  });

  it('answers a stale summons version with 409 and the current summons', async () => {
    const { whistle } = await blow();
    const sm = summonsOf(whistle, s.departments[0]!.id);
    const url = `/api/whistles/${whistle.id}/summons/${sm.id}/actions`;
    expect((await api(t, cast.dept_staff).post(`${url}/acknowledge`, { version: sm.version })).status).toBe(200);
    const stale = await api(t, cast.dept_staff).post(`${url}/arrive`, { version: sm.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: sm.id, state: 'acknowledged', version: sm.version + 1 });
  });

  it('escalates a department that misses its 报到 deadline to the leader on duty, exactly once', async () => {
    const { whistle } = await blow();
    const d0 = s.departments[0]!.id;
    const d1 = s.departments[1]!.id;
    await summonsAct(cast.dept_staff, whistle.id, d0, 'arrive');
    const scheduler = t.app.get(Scheduler);
    const clock = t.app.get(Clock);
    const events = async () =>
      (await t.app
        .get(DataSource)
        .query("SELECT payload FROM event WHERE type = 'whistle.summons_overdue' AND payload->'whistle'->>'id' = $1", [
          whistle.id,
        ])) as { payload: { departmentId: string; escalatedTo: string } }[];
    clock.advance(29 * MIN);
    await scheduler.tick();
    expect(await events()).toEqual([]);
    clock.advance(2 * MIN); // 31 min: d1 (45 min) still has time; d0 is on site.
    await scheduler.tick();
    expect(await events()).toEqual([]);
    clock.advance(15 * MIN); // 46 min: d1 is late.
    await scheduler.tick();
    await scheduler.tick();
    const raised = await events();
    expect(raised.map((e) => [e.payload.departmentId, e.payload.escalatedTo])).toEqual([[d1, 'leader_on_duty']]);
    const w = (await api(t, cast.leader).get(`/api/whistles/${whistle.id}`)).body;
    expect(summonsOf(w, d1)).toMatchObject({ state: 'summoned' });
    expect((summonsOf(w, d1) as unknown as { escalatedAt: string }).escalatedAt).not.toBeNull();
    expect(w.timeline.filter((x: { action: string }) => x.action === 'summons_overdue')).toHaveLength(1);
    // Arriving late is still recorded, and not as on time.
    const late = await summonsAct(dept1, whistle.id, d1, 'arrive');
    expect(late.body.step.detail.onTime).toBe(false);
  });

  it('measures departments: minutes to 报到 (median, p90), on-time and resolution rates, drills excluded', async () => {
    const t2 = await startApp();
    try {
      const s2 = await createStreet(t2, 'PERF');
      const c2 = await createCast(t2, s2, 'perf');
      const clock = t2.app.get(Clock);
      const d0 = s2.departments[0]!.id;
      const from = new Date(Date.now() - 60 * MIN).toISOString();
      // Four whistles to department 0, arriving after 10, 20, 40 and 50 minutes (deadline 30).
      for (const [n, minutes] of [10, 20, 40, 50].entries()) {
        const inc = (await api(t2, c2.duty_officer).post('/api/incidents', newIncident(s2, { title: `P${n}` }))).body
          .incident;
        const w = (
          await api(t2, c2.duty_officer).post('/api/whistles', {
            incidentId: inc.id,
            reason: 'r',
            departments: [{ departmentId: d0 }],
          })
        ).body.whistle;
        clock.advance(minutes * MIN);
        const sm = w.summons[0];
        const arrived = await api(t2, c2.dept_staff).post(`/api/whistles/${w.id}/summons/${sm.id}/actions/arrive`, {
          version: sm.version,
        });
        expect(arrived.status).toBe(200);
        if (n < 3) {
          const cur = arrived.body.whistle.summons[0];
          await api(t2, c2.dept_staff).post(`/api/whistles/${w.id}/summons/${sm.id}/actions/report`, {
            version: cur.version,
            result: 'done',
            resolved: n < 2,
          });
        }
        clock.reset();
      }
      // A drill whistle that would spoil the figures if it counted.
      const drill = (
        await api(t2, c2.duty_officer).post(
          '/api/incidents',
          newIncident(s2, { drillId: '00000000-0000-4000-8000-0000000000dd' }),
        )
      ).body.incident;
      const dw = (
        await api(t2, c2.duty_officer).post('/api/whistles', {
          incidentId: drill.id,
          reason: 'drill',
          departments: [{ departmentId: d0 }],
        })
      ).body.whistle;
      expect(dw.drillId).toBe('00000000-0000-4000-8000-0000000000dd');
      const to = new Date(Date.now() + 60 * MIN).toISOString();
      const perf = await api(t2, c2.leader).get(
        `/api/whistles/performance?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      expect(perf.status).toBe(200);
      expect(perf.body.departments).toEqual([
        {
          departmentId: d0,
          departmentName: '消防',
          summoned: 4,
          arrived: 4,
          medianMinutesToArrive: 30,
          p90MinutesToArrive: 47,
          onTimeRate: 0.5,
          resolutionRate: 0.5,
        },
      ]);
      // A department sees its own figures only.
      const own = await api(t2, c2.dept_staff).get(
        `/api/whistles/performance?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      expect(own.body.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual([d0]);
      const bad = await api(t2, c2.leader).get(
        `/api/whistles/performance?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
      );
      expect(bad.status).toBe(400);
    } finally {
      await t2.close();
    }
  });
});
