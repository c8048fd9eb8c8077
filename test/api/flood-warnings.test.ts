import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { capProblems, child, childrenNamed, parseXml, polygonProblems } from '../support/cap';
import { createStreet } from '../support/factories';
import { type FloodFixture, floodFixture, issue, taskAct, tasksOf, warningAct } from '../support/flood';
import { api } from '../support/incidents';
import { unmaskedPii } from '../support/pii';

type Pos = [number, number];
const ring = (w: number, s: number, e: number, n: number): Pos[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/**
 * Warnings: which register households a scope covers (the street, grids, an area with edges, holes
 * and several polygons), the lifecycle (level changes, lifting, closing with everyone home or with an
 * exception), CAP 1.2 export checked against the standard's rules, drills kept out of statistics.
 */
describe('flood warnings', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** A fresh street of 4 grids (0.01° squares from lng `origin`, lat 30.5) with flood users and shelters. */
  async function street(): Promise<FloodFixture> {
    const code = `FW${++n}`;
    return floodFixture(t, await createStreet(t, code, 114.3 + n * 0.1), code.toLowerCase());
  }

  describe('scope: which register households a warning covers', () => {
    let fx: FloodFixture;
    let at: Record<string, string>;
    let x0: number;
    // In grid 0: polygon P = [x0+.001, x0+.009] × [30.501, 30.509] with a hole [x0+.003, x0+.005] × [30.503, 30.505].
    // In grid 2: polygon Q = [x0+.021, x0+.025] × [30.501, 30.505].
    const P = () => [ring(x0 + 0.001, 30.501, x0 + 0.009, 30.509), ring(x0 + 0.003, 30.503, x0 + 0.005, 30.505)];
    const Q = () => [ring(x0 + 0.021, 30.501, x0 + 0.025, 30.505)];

    beforeAll(async () => {
      fx = await street();
      x0 = fx.s.grids[0]!.minLng;
      const points: Record<string, [number, number, number]> = {
        inside: [0, 30.502, x0 + 0.002],
        onEdge: [0, 30.501, x0 + 0.006],
        onVertex: [0, 30.509, x0 + 0.009],
        inHole: [0, 30.504, x0 + 0.004],
        onHoleEdge: [0, 30.505, x0 + 0.004],
        outside: [0, 30.5095, x0 + 0.005],
        inQ: [2, 30.503, x0 + 0.023],
        outsideQ: [2, 30.508, x0 + 0.028],
        grid1: [1, 30.505, x0 + 0.015],
      };
      at = {};
      for (const [name, [grid, lat, lng]] of Object.entries(points)) {
        at[name] = (await fx.household(grid, { at: { lat, lng } })).id;
      }
    });

    /** Issues (as a drill of its own, so earlier warnings' open tasks do not hold households) and names the covered. */
    async function covered(scope: object): Promise<string[]> {
      const r = await issue(t, fx.cast.duty_officer, { scope, drillId: randomUUID() });
      expect(r.status).toBe(201);
      const ids = new Set((await tasksOf(t, fx.cast.admin, r.body.warning.id)).map((x) => x.floodHouseholdId));
      expect(r.body.warning.households).toBe(ids.size);
      return Object.keys(at).filter((k) => ids.has(at[k]!));
    }

    it('an area: inside and on the edge or a vertex are in; inside a hole or outside are out', async () => {
      expect(await covered({ kind: 'area', area: { type: 'Polygon', coordinates: P() } })).toEqual([
        'inside',
        'onEdge',
        'onVertex',
        'onHoleEdge',
      ]);
    });

    it('a MultiPolygon: a household inside any of its polygons is in', async () => {
      expect(await covered({ kind: 'area', area: { type: 'MultiPolygon', coordinates: [P(), Q()] } })).toEqual([
        'inside',
        'onEdge',
        'onVertex',
        'onHoleEdge',
        'inQ',
      ]);
    });

    it('chosen grids and the whole street', async () => {
      expect(await covered({ kind: 'grids', gridIds: [fx.s.grids[1]!.id, fx.s.grids[2]!.id] })).toEqual([
        'inQ',
        'outsideQ',
        'grid1',
      ]);
      expect(await covered({ kind: 'street' })).toEqual(Object.keys(at));
    });

    it('refuses a grid of another street, a bad polygon and a missing scope with 400 naming the field', async () => {
      const other = await createStreet(t, `FWX${n}`, 118);
      const r = await issue(t, fx.cast.duty_officer, { scope: { kind: 'grids', gridIds: [other.grids[0]!.id] } });
      expect([r.status, r.body.errors?.[0]?.field]).toEqual([400, 'scope.gridIds.0']);
      const open = ring(x0, 30.5, x0 + 0.01, 30.51).slice(0, 4);
      const bad = await issue(t, fx.cast.duty_officer, {
        scope: { kind: 'area', area: { type: 'Polygon', coordinates: [open] } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toMatch(/^scope\.area/);
      const none = await issue(t, fx.cast.duty_officer, { scope: undefined });
      expect([none.status, none.body.errors[0].field]).toEqual([400, 'scope']);
    });

    it('a household still tracked by an open warning is not given a second task', async () => {
      const first = await issue(t, fx.cast.duty_officer, { scope: { kind: 'grids', gridIds: [fx.s.grids[1]!.id] } });
      const second = await issue(t, fx.cast.duty_officer, { scope: { kind: 'street' } });
      expect(first.body.warning.households).toBe(1);
      expect(second.body.warning.households).toBe(Object.keys(at).length - 1);
      expect(second.body.step.detail.alreadyTracked).toEqual([
        { floodHouseholdId: at.grid1, warningId: first.body.warning.id },
      ]);
    });
  });

  describe('lifecycle', () => {
    let fx: FloodFixture;
    /** The register household of three people (the list of tasks is not in register order). */
    let threeId: string;
    beforeAll(async () => {
      fx = await street();
      await fx.household(0);
      threeId = (await fx.household(0, { personCount: 3 })).id;
    });

    it('upgrades and downgrades the level, then lifts; moving after lifting is refused, returning allowed', async () => {
      const { warning } = (await issue(t, fx.cast.duty_officer, { level: 'yellow', scope: { kind: 'street' } })).body;
      expect(warning).toMatchObject({
        state: 'active',
        level: 'yellow',
        title: '暴雨黄色预警',
        households: 2,
        people: 5,
        streetWide: true,
      });
      const up = await warningAct(t, fx.cast.leader, fx.cast.admin, warning.id, 'change_level', { level: 'red' });
      expect([up.status, up.body.warning.level, up.body.step.action]).toEqual([200, 'red', 'upgrade']);
      const same = await warningAct(t, fx.cast.leader, fx.cast.admin, warning.id, 'change_level', { level: 'red' });
      expect([same.status, same.body.errors?.[0]?.field]).toEqual([400, 'level']);
      const down = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'change_level', {
        level: 'orange',
      });
      expect([down.body.warning.level, down.body.step.action]).toEqual(['orange', 'downgrade']);
      const stale = await api(t, fx.cast.duty_officer).post(`/api/flood/warnings/${warning.id}/actions/lift`, {
        version: 1,
      });
      expect([stale.status, stale.body.code, stale.body.current.level]).toEqual([409, 'errors.conflict', 'orange']);
      const [a, b] = await tasksOf(t, fx.cast.admin, warning.id);
      expect((await taskAct(t, fx.cast.grid_worker, fx.cast.admin, a!.id, 'return')).body.code).toBe(
        'errors.flood_warning_not_lifted',
      );
      await taskAct(t, fx.cast.grid_worker, fx.cast.admin, a!.id, 'shelter', {
        shelterId: fx.shelters[0]!.id,
        people: 2,
      });
      const lifted = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'lift');
      expect([lifted.status, lifted.body.warning.state]).toEqual([200, 'lifted']);
      expect(lifted.body.warning.liftedAt).toBeTruthy();
      const late = await taskAct(t, fx.cast.grid_worker, fx.cast.admin, b!.id, 'shelter', {
        shelterId: fx.shelters[0]!.id,
        people: 3,
      });
      expect([late.status, late.body.code]).toEqual([409, 'errors.flood_warning_not_active']);
      const home = await taskAct(t, fx.cast.grid_worker, fx.cast.admin, a!.id, 'return');
      expect([home.status, home.body.task.state]).toEqual([200, 'returned']);
      const again = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'change_level', {
        level: 'red',
      });
      expect([again.status, again.body.code]).toEqual([409, 'errors.transition_not_allowed']);
    });

    it('refuses to close while someone is unaccounted for; closes with an exception and its reason', async () => {
      const { warning } = (await issue(t, fx.cast.duty_officer, { drillId: randomUUID(), scope: { kind: 'street' } }))
        .body;
      const tasks = await tasksOf(t, fx.cast.admin, warning.id);
      const a = tasks.find((k) => k.floodHouseholdId !== threeId);
      const b = tasks.find((k) => k.floodHouseholdId === threeId);
      const early = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'close');
      expect([early.status, early.body.code]).toEqual([409, 'errors.transition_not_allowed']); // lift first
      await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'lift');
      await taskAct(t, fx.cast.grid_leader, fx.cast.admin, a!.id, 'return', { note: '已在家，确认安全' });
      const refused = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'close');
      expect([refused.status, refused.body.code]).toEqual([409, 'errors.flood_unaccounted']);
      expect(refused.body.current).toMatchObject({ households: 1, people: 3 });
      expect(refused.body.current.tasks.map((x: { id: string }) => x.id)).toEqual([b!.id]);
      expect(unmaskedPii(refused.body)).toEqual([]);
      const closed = await warningAct(t, fx.cast.leader, fx.cast.admin, warning.id, 'close', {
        exceptionReason: '该户已投亲外地，电话确认安全',
      });
      expect([closed.status, closed.body.warning.state, closed.body.step.action]).toEqual([
        200,
        'closed',
        'close_exception',
      ]);
      expect(closed.body.warning.closeException).toMatchObject({
        reason: '该户已投亲外地，电话确认安全',
        households: 1,
        people: 3,
        taskIds: [b!.id],
        byName: fx.cast.leader.user.username,
      });
      const audit = await api(t, fx.cast.admin).get(`/api/audit?action=flood.warning.close_exception&limit=10`);
      expect(audit.body.items.map((x: { objectId: string }) => x.objectId)).toContain(warning.id);
    });

    it('closes without an exception once everyone is home', async () => {
      const { warning } = (
        await issue(t, fx.cast.duty_officer, {
          drillId: randomUUID(),
          scope: { kind: 'grids', gridIds: [fx.s.grids[0]!.id] },
        })
      ).body;
      await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'lift');
      for (const x of await tasksOf(t, fx.cast.admin, warning.id)) {
        expect((await taskAct(t, fx.cast.community_staff, fx.cast.admin, x.id, 'return')).status).toBe(200);
      }
      const closed = await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'close', {
        exceptionReason: '无需',
      });
      expect([closed.status, closed.body.warning.closeException, closed.body.step.action]).toEqual([
        200,
        null,
        'close',
      ]);
    });

    it('a drill coordinator issues and handles drills only', async () => {
      const real = await issue(t, fx.cast.drill_coordinator, { scope: { kind: 'street' } });
      expect([real.status, real.body.code]).toEqual([403, 'errors.flood_drill_only']);
      const drill = await issue(t, fx.cast.drill_coordinator, { scope: { kind: 'street' }, drillId: randomUUID() });
      expect([drill.status, drill.body.warning.drillId]).toEqual([201, expect.any(String)]);
      expect(
        (await warningAct(t, fx.cast.drill_coordinator, fx.cast.admin, drill.body.warning.id, 'lift')).status,
      ).toBe(200);
      const other = await issue(t, fx.cast.duty_officer, { scope: { kind: 'grids', gridIds: [fx.s.grids[3]!.id] } });
      const denied = await warningAct(t, fx.cast.drill_coordinator, fx.cast.admin, other.body.warning.id, 'lift');
      expect([denied.status, denied.body.code]).toEqual([403, 'errors.flood_drill_only']);
    });
  });

  describe('CAP 1.2', () => {
    let fx: FloodFixture;
    beforeAll(async () => {
      fx = await street();
      await fx.household(0);
    });
    const cap = async (id: string) => {
      const r = await api(t, fx.cast.display).get(`/api/flood/warnings/${id}.cap.xml`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/cap\+xml/);
      return parseXml(r.body as string);
    };

    it('issue → Alert, level change → Update, lifting → Cancel, each referencing the earlier messages', async () => {
      const x0 = fx.s.grids[0]!.minLng;
      const area = {
        type: 'Polygon',
        coordinates: [ring(x0 + 0.001, 30.501, x0 + 0.009, 30.509), ring(x0 + 0.003, 30.503, x0 + 0.005, 30.505)],
      };
      const { warning } = (
        await issue(t, fx.cast.duty_officer, { type: 'flood', level: 'red', scope: { kind: 'area', area } })
      ).body;
      const alert = await cap(warning.id);
      expect(capProblems(alert)).toEqual([]);
      expect(child(alert, 'status')!.text).toBe('Actual');
      expect(child(alert, 'msgType')!.text).toBe('Alert');
      expect(child(alert, 'scope')!.text).toBe('Public');
      expect(child(alert, 'references')).toBeUndefined();
      const info = child(alert, 'info')!;
      expect(
        ['language', 'category', 'event', 'urgency', 'severity', 'certainty'].map((k) => child(info, k)!.text),
      ).toEqual(['zh-CN', 'Met', '洪水红色预警', 'Immediate', 'Extreme', 'Likely']);
      const polygons = childrenNamed(child(info, 'area')!, 'polygon').map((p) => p.text);
      // the outer ring, as lat,lon pairs (CAP has no holes)
      expect(polygons).toHaveLength(1);
      expect(polygons[0]!.split(' ').map((p) => p.split(',').map(Number))).toEqual(
        area.coordinates[0]!.map(([lng, lat]) => [lat, lng]),
      );

      await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'change_level', { level: 'yellow' });
      const update = await cap(warning.id);
      expect(capProblems(update)).toEqual([]);
      expect(child(update, 'msgType')!.text).toBe('Update');
      const first = `${child(alert, 'sender')!.text},${child(alert, 'identifier')!.text},${child(alert, 'sent')!.text}`;
      expect(child(update, 'references')!.text).toBe(first);
      expect(child(child(update, 'info')!, 'severity')!.text).toBe('Moderate');
      expect(child(update, 'identifier')!.text).not.toBe(child(alert, 'identifier')!.text);

      await warningAct(t, fx.cast.duty_officer, fx.cast.admin, warning.id, 'lift');
      const cancel = await cap(warning.id);
      expect(capProblems(cancel)).toEqual([]);
      expect(child(cancel, 'msgType')!.text).toBe('Cancel');
      expect(child(cancel, 'references')!.text.split(' ')).toHaveLength(2);
      expect(child(child(cancel, 'info')!, 'responseType')!.text).toBe('AllClear');
    });

    it('a drill says Exercise; a geological warning is category Geo; a grid scope carries the grid polygons', async () => {
      const { warning } = (
        await issue(t, fx.cast.duty_officer, {
          type: 'geological',
          level: 'blue',
          drillId: randomUUID(),
          scope: { kind: 'grids', gridIds: [fx.s.grids[1]!.id, fx.s.grids[2]!.id] },
        })
      ).body;
      const alert = await cap(warning.id);
      expect(capProblems(alert)).toEqual([]);
      expect(child(alert, 'status')!.text).toBe('Exercise');
      const info = child(alert, 'info')!;
      expect([child(info, 'category')!.text, child(info, 'severity')!.text, child(info, 'certainty')!.text]).toEqual([
        'Geo',
        'Minor',
        'Possible',
      ]);
      expect(childrenNamed(child(info, 'area')!, 'polygon')).toHaveLength(2);
    });

    it('the checker itself catches broken documents', () => {
      const broken = parseXml(
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><sender>a b</sender><identifier>x</identifier>' +
          '<sent>2026-05-01T03:00:00Z</sent><status>Real</status><msgType>Update</msgType><scope>Public</scope>' +
          '<info><category>Met</category><event>e</event><urgency>Now</urgency><severity>Severe</severity>' +
          '<certainty>Likely</certainty><area><polygon>30.5,114.3 30.6,114.3 30.6,114.4</polygon></area></info></alert>',
      );
      expect(capProblems(broken)).toEqual(
        expect.arrayContaining([
          'alert: <identifier> out of order',
          'alert/sent: "2026-05-01T03:00:00Z" is not a CAP dateTime (no "Z"; ±hh:mm)',
          'alert/status: "Real" not one of Actual|Exercise|System|Test|Draft',
          'sender: "a b" empty or has spaces, commas, < or &',
          'Update without references',
          'info[0]/urgency: "Now" not one of Immediate|Expected|Future|Past|Unknown',
          'info[0]/area[0]: <areaDesc> required',
          'info[0]/area[0]/polygon: fewer than 4 points',
          'info[0]/area[0]/polygon: not closed',
        ]),
      );
      expect(polygonProblems('91,0 1,1 1,0 91,0')).toEqual(['"91,0" out of range', '"91,0" out of range']);
    });

    it('the Atom feed carries the active real warnings as CAP alerts, never drills', async () => {
      const real = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'street' } })).body.warning;
      const drill = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'street' }, drillId: randomUUID() })).body
        .warning;
      const r = await api(t, fx.cast.display).get('/api/flood/warnings/active.atom');
      expect(r.status).toBe(200);
      const feed = parseXml(r.body as string);
      expect([feed.name, feed.attrs.xmlns]).toEqual(['feed', 'http://www.w3.org/2005/Atom']);
      const entries = childrenNamed(feed, 'entry');
      const ids = entries.map((e) => child(e, 'id')!.text);
      expect(ids).toContain(`urn:uuid:${real.id}`);
      expect(ids).not.toContain(`urn:uuid:${drill.id}`);
      for (const e of entries) {
        const alert = child(child(e, 'content')!, 'alert')!;
        expect(capProblems(alert)).toEqual([]);
        expect(child(alert, 'status')!.text).toBe('Actual');
      }
    });
  });

  describe('drills and statistics', () => {
    it('drill warnings, tasks and shelter check-ins never reach real statistics or real occupancy', async () => {
      const fx = await street();
      await fx.household(0, { personCount: 2 });
      await fx.household(2, { personCount: 3 });
      const from = new Date(Date.now() - 60_000).toISOString();
      const drill = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'street' }, drillId: randomUUID() })).body
        .warning;
      for (const x of await tasksOf(t, fx.cast.admin, drill.id)) {
        const r = await taskAct(t, fx.cast.admin, fx.cast.admin, x.id, 'shelter', {
          shelterId: fx.shelters[1]!.id,
          people: 2,
        });
        expect(r.status).toBe(200);
      }
      const shelter = (await api(t, fx.cast.admin).get(`/api/geo/shelters/${fx.shelters[1]!.id}`)).body;
      expect(shelter.occupancy).toBe(0);
      const progress = (await api(t, fx.cast.duty_officer).get(`/api/flood/warnings/${drill.id}/progress`)).body;
      expect(progress.byShelter.find((x: { shelterId: string }) => x.shelterId === fx.shelters[1]!.id)).toMatchObject({
        occupancy: 4,
        fromWarning: 4,
      });
      const to = new Date(Date.now() + 60_000).toISOString();
      const stats = async () =>
        (
          await api(t, fx.cast.leader).get(
            `/api/flood/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          )
        ).body;
      expect(await stats()).toMatchObject({
        warnings: 0,
        households: 0,
        people: 0,
        sheltered: { households: 0, people: 0 },
      });
      const realOnly = await api(t, fx.cast.leader).get('/api/flood/warnings?drill=exclude');
      expect(realOnly.body.items.map((w: { id: string }) => w.id)).not.toContain(drill.id);

      const real = (await issue(t, fx.cast.duty_officer, { level: 'red', scope: { kind: 'street' } })).body.warning;
      const [a] = await tasksOf(t, fx.cast.admin, real.id);
      await taskAct(t, fx.cast.admin, fx.cast.admin, a!.id, 'shelter', { shelterId: fx.shelters[1]!.id, people: 2 });
      expect(await stats()).toMatchObject({
        warnings: 1,
        byLevel: { red: 1 },
        byType: { rainstorm: 1 },
        households: 2,
        people: 5,
        sheltered: { households: 1, people: 2 },
      });
      expect((await api(t, fx.cast.admin).get(`/api/geo/shelters/${fx.shelters[1]!.id}`)).body.occupancy).toBe(2);
    });
  });

  describe('review (雨后复盘)', () => {
    it('answers the timeline, minutes to safety per household and grid, slowest first, and an xlsx', async () => {
      const fx = await street();
      await fx.household(0);
      await fx.household(2);
      const w = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'street' } })).body.warning;
      // The list's order is not the households' order: pick each grid's task by its grid.
      const tasks = await tasksOf(t, fx.cast.admin, w.id);
      const a = tasks.find((k) => k.gridId === fx.s.grids[0]!.id);
      const b = tasks.find((k) => k.gridId === fx.s.grids[2]!.id);
      await taskAct(t, fx.cast.admin, fx.cast.admin, a!.id, 'notify');
      await taskAct(t, fx.cast.admin, fx.cast.admin, a!.id, 'shelter', { shelterId: fx.shelters[0]!.id, people: 2 });
      await taskAct(t, fx.cast.admin, fx.cast.admin, b!.id, 'refuse', { reason: '不愿离家，电话13812345678' });
      const r = await api(t, fx.cast.duty_officer).get(`/api/flood/warnings/${w.id}/review`);
      expect(r.status).toBe(200);
      expect(unmaskedPii(r.body)).toEqual([]);
      expect(r.body.timeline.map((s: { action: string }) => s.action)).toEqual([
        'issue',
        'notify',
        'shelter',
        'refuse',
      ]);
      const ha = r.body.households.find((h: { taskId: string }) => h.taskId === a!.id);
      expect(ha).toMatchObject({
        state: 'sheltered',
        minutesToSafe: expect.any(Number),
        minutesToNotify: expect.any(Number),
      });
      expect(r.body.households.find((h: { taskId: string }) => h.taskId === b!.id)).toMatchObject({
        safeAt: null,
        minutesToSafe: null,
      });
      expect(
        r.body.grids.map((g: { gridId: string; safe: number; refused: number }) => [g.gridId, g.safe, g.refused]),
      ).toEqual([
        [fx.s.grids[0]!.id, 1, 0],
        [fx.s.grids[2]!.id, 0, 1],
      ]);
      expect(r.body.slowestGrids[0].gridId).toBe(fx.s.grids[0]!.id); // a grid nobody reached safety in comes last
      const x = await fetch(`${t.url}/api/flood/warnings/${w.id}/review.xlsx`, {
        headers: { authorization: `Bearer ${fx.cast.duty_officer.token}` },
      });
      expect(x.status).toBe(200);
      expect(x.headers.get('content-type')).toMatch(/spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await x.arrayBuffer()) as never);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['概况', '网格用时', '逐户', '时间线']);
      expect(wb.getWorksheet('逐户')!.rowCount).toBe(3);
      expect(wb.getWorksheet('时间线')!.rowCount).toBe(5);
      const text = wb.worksheets.flatMap((s) => s.getSheetValues().flat()).join(' ');
      expect(unmaskedPii(text)).toEqual([]);
    });
  });
});
