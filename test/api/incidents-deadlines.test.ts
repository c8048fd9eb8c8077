import { Clock } from '@gridboard/server/command/clock';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { createStreet, type StreetFixture } from '../support/factories';
import { api, type Cast, createCast, newIncident, read } from '../support/incidents';

const HOUR = 3_600_000;
/** Moves the app's clock so that "now" is this instant. */
function setNow(t: TestApp, iso: string): void {
  const clock = t.app.get(Clock);
  clock.reset();
  clock.advance(Date.parse(iso) - Date.now());
}
const at = (iso: string) => new Date(iso).toISOString();

describe('incident deadlines, working time and overdue supervision', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  let cast: Cast;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'DDL');
    other = await createStreet(t, 'DDO', 115);
    cast = await createCast(t, s, 'ddl');
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  async function rule(body: object) {
    const r = await api(t, cast.admin).post('/api/incidents/deadline-rules', body);
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    return r.body;
  }

  it('counts working time across the National Day holiday and a 调休 Saturday (chinese-days)', async () => {
    await rule({ category: 'noise', severity: 'low', source: null, hours: 40, calendar: 'workdays' });
    // Tuesday 2025-09-30 10:00: 14 h that day, 1–8 October off, 24 h on the 9th, 2 h on the 10th.
    setNow(t, '2025-09-30T10:00:00+08:00');
    const r = await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { severity: 'low' }));
    expect(r.status).toBe(201);
    expect(r.body.incident.number).toBe('SJ-20250930-0001');
    // The clock runs on between setNow and the request: compare the span, not the instant.
    const span = (i: { deadline: string; reportedAt: string }) => Date.parse(i.deadline) - Date.parse(i.reportedAt);
    expect(span(r.body.incident)).toBe(
      Date.parse('2025-10-10T02:00:00+08:00') - Date.parse('2025-09-30T10:00:00+08:00'),
    );
    // Friday 2025-10-10 18:00 with 12 working hours: Saturday the 11th is a make-up workday.
    const preview = await api(t, cast.duty_officer).get(
      `/api/incidents/deadline-preview?category=noise&severity=low&source=grid_patrol&from=${encodeURIComponent('2025-10-10T18:00:00+08:00')}`,
    );
    expect(preview.body.deadline).toBe(at('2025-10-13T10:00:00+08:00'));
    await rule({ category: 'noise', severity: 'low', source: 'resident_report', hours: 12, calendar: 'workdays' });
    const sat = await api(t, cast.duty_officer).get(
      `/api/incidents/deadline-preview?category=noise&severity=low&source=resident_report&from=${encodeURIComponent('2025-10-10T18:00:00+08:00')}`,
    );
    expect(sat.body.deadline).toBe(at('2025-10-11T06:00:00+08:00'));
    // Natural time ignores the calendar: a critical item is due 2 hours later, holiday or not.
    const critical = await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { severity: 'critical' }));
    expect(span(critical.body.incident)).toBe(2 * HOUR);
  });

  it('takes an admin’s calendar for a year the package does not know yet', async () => {
    const from = encodeURIComponent('2027-09-30T12:00:00+08:00');
    const url = `/api/incidents/deadline-preview?category=dispute&severity=medium&source=grid_patrol&from=${from}`;
    // 72 working hours; the package treats 2027 as plain weekdays.
    expect((await api(t, cast.duty_officer).get(url)).body.deadline).toBe(at('2027-10-05T12:00:00+08:00'));
    for (const date of ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']) {
      const r = await api(t, cast.admin).put(`/api/working-calendar/overrides/${date}`, {
        workday: false,
        note: '国庆节',
      });
      expect(r.status).toBe(200);
    }
    expect(
      (await api(t, cast.admin).put('/api/working-calendar/overrides/2027-10-09', { workday: true, note: '调休' }))
        .status,
    ).toBe(200);
    // 12 h on the 30th, then 1–7 October off, the 8th (Fri) 24 h, Saturday the 9th (make-up) 24 h, 12 h on the 11th.
    expect((await api(t, cast.duty_officer).get(url)).body.deadline).toBe(at('2027-10-11T12:00:00+08:00'));
    const list = await api(t, cast.duty_officer).get('/api/working-calendar/overrides?year=2027');
    expect(list.body).toHaveLength(6);
    expect(
      (await api(t, cast.duty_officer).put('/api/working-calendar/overrides/2027-10-08', { workday: false })).status,
    ).toBe(403);
    expect(
      (await api(t, cast.admin).put('/api/working-calendar/overrides/2027-13-01', { workday: false })).status,
    ).toBe(400);
    expect((await api(t, cast.admin).delete('/api/working-calendar/overrides/2027-10-09')).status).toBe(204);
    expect((await api(t, cast.duty_officer).get(url)).body.deadline).toBe(at('2027-10-12T12:00:00+08:00'));
  });

  it('manages deadline rules: unique per combination, versioned, district-wide configure permission only', async () => {
    const created = await rule({
      category: 'gas',
      severity: 'low',
      source: 'digital_city',
      hours: 6,
      calendar: 'natural',
    });
    const dup = await api(t, cast.admin).post('/api/incidents/deadline-rules', {
      category: 'gas',
      severity: 'low',
      source: 'digital_city',
      hours: 8,
      calendar: 'natural',
    });
    expect([dup.status, dup.body.code]).toEqual([409, 'errors.duplicate']);
    expect(
      (await api(t, cast.duty_officer).post('/api/incidents/deadline-rules', { hours: 1, calendar: 'natural' })).status,
    ).toBe(403);
    const bad = await api(t, cast.admin).post('/api/incidents/deadline-rules', {
      category: 'nope',
      hours: 1,
      calendar: 'natural',
    });
    expect(bad.status).toBe(400);
    // the rules hold for every street: a street's own leader may not change them for all
    const byLeader = await api(t, cast.leader).put(`/api/incidents/deadline-rules/${created.id}`, {
      ...created,
      hours: 5,
      version: created.version,
    });
    expect([byLeader.status, byLeader.body.code]).toEqual([403, 'errors.district_config_only']);
    const updated = await api(t, cast.admin).put(`/api/incidents/deadline-rules/${created.id}`, {
      ...created,
      hours: 5,
      version: created.version,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.hours).toBe(5);
    const stale = await api(t, cast.admin).put(`/api/incidents/deadline-rules/${created.id}`, {
      ...created,
      hours: 4,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.hours).toBe(5);
    const rules = (await api(t, cast.display).get('/api/incidents/deadline-rules')).body;
    expect(rules.find((r: { id: string }) => r.id === created.id).hours).toBe(5);
    expect((await api(t, cast.admin).delete(`/api/incidents/deadline-rules/${created.id}?version=1`)).status).toBe(409);
    expect((await api(t, cast.admin).delete(`/api/incidents/deadline-rules/${created.id}?version=2`)).status).toBe(204);
  });

  it('raises incident.overdue once, with an automatic 督办 step, and stops the clock once resolved', async () => {
    const db = t.app.get(DataSource);
    const late = (
      await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { severity: 'critical', title: '超期' }))
    ).body.incident;
    const done = (
      await api(t, cast.duty_officer).post(
        '/api/incidents',
        newIncident(s, { severity: 'critical', title: '按时办结' }),
      )
    ).body.incident;
    let v = done.version;
    for (const [action, who, body] of [
      ['accept', cast.duty_officer, {}],
      ['dispatch', cast.duty_officer, { targets: { departmentIds: [s.departments[0]!.id] } }],
      ['start', cast.dept_staff, {}],
      ['resolve', cast.dept_staff, { result: '已处置' }],
    ] as const) {
      const r = await api(t, who).post(`/api/incidents/${done.id}/actions/${action}`, { version: v, ...body });
      expect(r.status).toBe(200);
      v = r.body.incident.version;
    }
    const count = async (id: string) =>
      Number(
        (
          await db.query(
            "SELECT count(*)::int AS n FROM event WHERE type = 'incident.overdue' AND payload->'incident'->>'id' = $1",
            [id],
          )
        )[0].n,
      );
    const scheduler = t.app.get(Scheduler);
    t.app.get(Clock).advance(HOUR);
    await scheduler.tick();
    expect(await count(late.id)).toBe(0);
    t.app.get(Clock).advance(1.5 * HOUR);
    await scheduler.tick();
    await scheduler.tick();
    expect(await count(late.id)).toBe(1);
    expect(await count(done.id)).toBe(0);
    const detail = await read(t, cast.admin, late.id);
    expect(detail).toMatchObject({ overdue: true, supervisionCount: 1 });
    expect(detail.overdueAt).not.toBeNull();
    const auto = detail.timeline.filter((x: { action: string }) => x.action === 'overdue');
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ actorRole: 'system', detail: { automatic: true } });
    const overdue = await api(t, cast.duty_officer).get('/api/incidents?overdue=true');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(late.id);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).not.toContain(done.id);
    expect((await api(t, cast.duty_officer).get('/api/incidents/counts')).body.overdue).toBeGreaterThanOrEqual(1);
  });

  it('lets a street rename state labels without touching the states; other streets keep theirs', async () => {
    const put = await api(t, cast.leader).put('/api/incidents/state-labels/dispatched', {
      'zh-CN': '已交办',
      'en-US': 'Assigned',
    });
    expect(put.status).toBe(204);
    const labels = (await api(t, cast.grid_worker).get('/api/incidents/state-labels')).body;
    expect(labels.dispatched).toEqual({ 'zh-CN': '已交办', 'en-US': 'Assigned' });
    expect(labels.reported).toEqual({ 'zh-CN': '待受理', 'en-US': 'Reported' });
    const theirs = (await api(t, cast.admin).get(`/api/incidents/state-labels?streetId=${other.street.id}`)).body;
    expect(theirs.dispatched['zh-CN']).toBe('已派单');
    expect((await api(t, cast.admin).get('/api/incidents/state-labels')).status).toBe(400);
    expect(
      (await api(t, cast.duty_officer).put('/api/incidents/state-labels/closed', { 'zh-CN': 'x', 'en-US': 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await api(t, cast.leader).put('/api/incidents/state-labels/flying', { 'zh-CN': 'x', 'en-US': 'x' })).status,
    ).toBe(400);
    const events = await t.app
      .get(DataSource)
      .query(
        "SELECT street_id FROM event WHERE type = 'incident.config_changed' AND payload->>'kind' = 'state_labels'",
      );
    expect(events).toEqual([{ street_id: s.street.id }]);
    expect((await api(t, cast.leader).delete('/api/incidents/state-labels/dispatched')).status).toBe(204);
    expect((await api(t, cast.grid_worker).get('/api/incidents/state-labels')).body.dispatched['zh-CN']).toBe('已派单');
  });

  it('keeps categories as data: add one, report with it, deactivate it', async () => {
    const cats = (await api(t, cast.grid_worker).get('/api/incidents/categories')).body;
    expect(cats.map((c: { code: string }) => c.code)).toEqual([
      'safety_hazard',
      'dispute',
      'environment',
      'facility_damage',
      'waterlogging',
      'fire',
      'gas',
      'flying_wire_charging',
      'illegal_construction',
      'noise',
      'other',
    ]);
    expect(cats[7].label).toEqual({ 'zh-CN': '飞线充电', 'en-US': 'Flying-wire e-bike charging' });
    const put = await api(t, cast.admin).put('/api/incidents/categories/parking', {
      label: { 'zh-CN': '乱停车', 'en-US': 'Illegal parking' },
      sort: 95,
    });
    expect(put.status).toBe(200);
    expect(
      (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s, { category: 'parking' }))).status,
    ).toBe(201);
    await api(t, cast.admin).put('/api/incidents/categories/parking', {
      label: { 'zh-CN': '乱停车', 'en-US': 'Illegal parking' },
      active: false,
    });
    expect(
      (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s, { category: 'parking' }))).status,
    ).toBe(400);
    expect(
      (await api(t, cast.admin).put('/api/incidents/categories/Bad Code', { label: { 'zh-CN': 'x', 'en-US': 'x' } }))
        .status,
    ).toBe(400);
  });
});

describe('overdue across two instances on one database', () => {
  it('raises each overdue item once: never doubled by a second instance, not again after a restart', async () => {
    const db = await createTestDatabase();
    const a = await startApp({}, db);
    let b: TestApp | undefined = await startApp({}, db);
    try {
      const s = await createStreet(a, 'TWO');
      const cast = await createCast(a, s, 'two');
      const first = (await api(a, cast.duty_officer).post('/api/incidents', newIncident(s, { severity: 'critical' })))
        .body.incident;
      for (const app of [a, b]) app.app.get(Clock).advance(3 * HOUR);
      await Promise.all([a.app.get(Scheduler).tick(), b.app.get(Scheduler).tick(), a.app.get(Scheduler).tick()]);
      const raised = async () =>
        (await a.app
          .get(DataSource)
          .query(
            "SELECT payload->'incident'->>'id' AS id FROM event WHERE type = 'incident.overdue' ORDER BY seq",
          )) as { id: string }[];
      expect(await raised()).toEqual([{ id: first.id }]);
      // The leader instance goes away; the other takes over the scheduler and does not raise it again.
      await a.close();
      const second = (await api(b, cast.duty_officer).post('/api/incidents', newIncident(s, { severity: 'critical' })))
        .body.incident;
      b.app.get(Clock).advance(3 * HOUR);
      await b.app.get(Scheduler).tick();
      await b.app.get(Scheduler).tick();
      const rows = (await b.app
        .get(DataSource)
        .query("SELECT payload->'incident'->>'id' AS id FROM event WHERE type = 'incident.overdue' ORDER BY seq")) as {
        id: string;
      }[];
      expect(rows).toEqual([{ id: first.id }, { id: second.id }]);
      // A restarted instance finds the durable flags and raises nothing.
      await b.close();
      b = await startApp({}, db);
      b.app.get(Clock).advance(6 * HOUR);
      await b.app.get(Scheduler).tick();
      const after = (await b.app
        .get(DataSource)
        .query("SELECT count(*)::int AS n FROM event WHERE type = 'incident.overdue'")) as {
        n: number;
      }[];
      expect(after[0]!.n).toBe(2);
    } finally {
      await a.close().catch(() => undefined);
      await b?.close().catch(() => undefined);
      await db.drop();
    }
  });
});
