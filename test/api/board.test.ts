import { boardIncidentsSchema, fromMarkerColumns } from '@gridboard/shared';
import { loadConfig } from '@gridboard/server/config/config';
import { MapConfigService } from '@gridboard/server/board/map-config.service';
import { startApp, type TestApp } from '../support/app';
import { auditRows } from '../support/auth';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { floodFixture, issue, taskAct, tasksOf } from '../support/flood';
import { api, type Cast, createCast, newIncident, pointIn } from '../support/incidents';
import { BoardClient } from '../support/socket';

describe('board API (markers, figures, on duty, alarms, basemap)', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let otherGrid: TestUser;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'BRD');
    cast = await createCast(t, s, 'brd');
    otherGrid = await createUser(t, 'brd-grid1', 'grid_worker', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[1]!.id],
    });
  });
  afterAll(() => t.close());

  async function report(over: Record<string, unknown> = {}) {
    const r = await api(t, cast.grid_worker).post('/api/incidents', newIncident(s, over));
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    return r.body.incident as { id: string; number: string };
  }

  it('lists markers of the caller’s scope only, without personal data, with the seq they were read at', async () => {
    const inc = await report({ title: '路灯不亮', category: 'facility_damage' });
    const officer = await api(t, cast.duty_officer).get('/api/board/incidents');
    expect(officer.status).toBe(200);
    // By column: every column as long as the ids, every code naming a value.
    const { columns, total } = boardIncidentsSchema.parse(officer.body);
    expect(columns.id).toHaveLength(total);
    expect(new Set(Object.values(columns).map((c) => ('codes' in c ? c.codes : c).length))).toEqual(new Set([total]));
    const markers = fromMarkerColumns(columns);
    expect(markers.map((m) => m.reportedAt)).toEqual(markers.map((m) => m.reportedAt).sort());
    const full = (await api(t, cast.duty_officer).get(`/api/incidents/${inc.id}`)).body;
    const marker = markers.find((i) => i.id === inc.id);
    expect(marker).toMatchObject({
      number: inc.number,
      title: '路灯不亮',
      state: 'reported',
      severity: 'medium',
      gridId: s.grids[0]!.id,
      overdue: false,
      lat: pointIn(s, 0).lat,
      lng: full.lng,
      reportedAt: full.reportedAt,
      address: full.address,
      buildingId: full.buildingId,
      drillId: null,
      version: full.version,
    });
    expect(JSON.stringify(officer.body)).not.toContain('13812345678');
    expect(officer.body.seq).toBeGreaterThan(0);
    const outside = await api(t, otherGrid).get('/api/board/incidents');
    expect(outside.body.columns.id).not.toContain(inc.id);
  });

  it('counts today’s, open and pending items in the key figures; drills do not count', async () => {
    const before = (await api(t, cast.duty_officer).get('/api/board/figures')).body;
    await report();
    const after = await api(t, cast.duty_officer).get('/api/board/figures');
    expect(after.status).toBe(200);
    expect(after.body.incidentsToday).toBe(before.incidentsToday + 1);
    expect(after.body.incidentsOpen).toBe(before.incidentsOpen + 1);
    expect(after.body).toMatchObject({ summonsPending: 0, peopleToTransfer: 0, hazardsOpen: 0 });
  });

  it('names the street’s leaders and duty officers as on duty', async () => {
    const r = await api(t, cast.grid_worker).get('/api/board/on-duty');
    expect(r.status).toBe(200);
    const ids = r.body.people.map((u: { userId: string }) => u.userId);
    expect(ids).toEqual(expect.arrayContaining([cast.leader.user.id, cast.duty_officer.user.id]));
    expect(ids).not.toContain(cast.grid_worker.user.id);
  });

  it('sounds a high-severity incident until one person acknowledges it; the ack is audited and streamed', async () => {
    const inc = await report({ severity: 'high', title: '燃气泄漏气味' });
    const key = `incident:${inc.id}`;
    const open = await api(t, cast.duty_officer).get('/api/alarms');
    expect(open.body.items.find((a: { key: string }) => a.key === key)).toMatchObject({
      kind: 'incident',
      target: { kind: 'incident', id: inc.id },
      label: `${inc.number} 燃气泄漏气味`,
    });
    // A grid worker sees it but may not silence it; a department outside its jurisdiction does not see it.
    expect((await api(t, cast.grid_worker).post('/api/alarms/ack', { kind: 'incident', itemId: inc.id })).status).toBe(
      403,
    );
    expect((await api(t, cast.dept_staff).post('/api/alarms/ack', { kind: 'incident', itemId: inc.id })).status).toBe(
      403,
    );
    expect((await api(t, cast.leader).post('/api/alarms/ack', { kind: 'summons', itemId: inc.id })).status).toBe(404);
    expect((await api(t, cast.leader).post('/api/alarms/ack', { kind: 'incident', itemId: 'x' })).status).toBe(400);

    const screen = new BoardClient(t.url, cast.display.token);
    await screen.connected();
    const ack = await api(t, cast.duty_officer).post('/api/alarms/ack', { kind: 'incident', itemId: inc.id });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ key, byId: cast.duty_officer.user.id });
    await screen.waitFor((es) =>
      es.some((e) => e.type === 'alarm.acknowledged' && (e.payload as { key: string }).key === key),
    );
    screen.close();

    const again = await api(t, cast.leader).post('/api/alarms/ack', { kind: 'incident', itemId: inc.id });
    expect(again.body).toEqual(ack.body);
    const audits = (await auditRows(t, 'alarm.ack')).filter((a) => a.object_id === inc.id);
    expect(audits).toHaveLength(1);
    const still = await api(t, cast.duty_officer).get('/api/alarms');
    expect(still.body.items.map((a: { key: string }) => a.key)).not.toContain(key);
  });

  it('names a red warning and a refused transfer in the alarm list as the live alarm does (title, household address)', async () => {
    const fx = await floodFixture(t, await createStreet(t, 'BRDF', 114.9), 'brdf');
    await fx.household(0, { unit: '2', room: '301' });
    const issued = await issue(t, fx.cast.duty_officer, { level: 'red', scope: { kind: 'street' } });
    expect(issued.status).toBe(201);
    const { warning } = issued.body as { warning: { id: string; title: string } };
    const [task] = await tasksOf(t, fx.cast.admin, warning.id);
    const refused = await taskAct(t, fx.cast.duty_officer, fx.cast.admin, task!.id, 'refuse', { reason: '不愿离家' });
    expect(refused.status).toBe(200);
    const { address } = refused.body.task as { address: string };

    const alarms = (await api(t, fx.cast.duty_officer).get('/api/alarms')).body.items as {
      key: string;
      label: string;
    }[];
    expect(warning.title).toBe('暴雨红色预警');
    expect(alarms.find((a) => a.key === `warning:${warning.id}`)?.label).toBe(warning.title);
    expect(address).toMatch(/ 2单元 301$/);
    expect(alarms.find((a) => a.key === `transfer:${task!.id}`)?.label).toBe(address);
  });

  it('serves the offline vector basemap by default, and configured tiles with AMap marked GCJ-02', async () => {
    const r = await api(t, cast.display).get('/api/config/map');
    expect(r.body).toMatchObject({ kind: 'vector', tiles: [] });
    const amap = new MapConfigService(loadConfig({ MAP_TILES: 'amap' })).get();
    expect(amap).toMatchObject({ kind: 'amap', crs: 'gcj02' });
    const tdt = new MapConfigService(loadConfig({ MAP_TILES: 'tianditu', TIANDITU_KEY: 'abcdef0123456789' })).get();
    expect(tdt.tiles).toHaveLength(2);
    expect(tdt.tiles[0]).toContain('tk=abcdef0123456789');
    expect(() => loadConfig({ MAP_TILES: 'tianditu' })).toThrow(/TIANDITU_KEY/);
  });
});
