import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';

// Runs on PostgreSQL. Registry REST: point-in-polygon, versions, references, scoping, masking, reveal.
describe('geo registry API', () => {
  let t: TestApp;
  let a: StreetFixture;
  let b: StreetFixture;
  let admin: TestUser;
  let staff: TestUser; // community staff of a.communities[0]
  let gridLeader: TestUser; // grid leader of a.grids[0]
  let worker: TestUser; // grid worker of a.grids[0]: no pii.reveal
  let otherAdmin: TestUser; // admin of street b

  beforeAll(async () => {
    t = await startApp();
    a = await createStreet(t, 'A');
    b = await createStreet(t, 'B', 114.5);
    admin = await createUser(t, 'admin-a', 'admin', { kind: 'street', streetId: a.street.id });
    otherAdmin = await createUser(t, 'admin-b', 'admin', { kind: 'street', streetId: b.street.id });
    staff = await createUser(t, 'staff-a1', 'community_staff', {
      kind: 'communities',
      streetId: a.street.id,
      communityIds: [a.communities[0]!.id],
    });
    gridLeader = await createUser(t, 'leader-a1', 'grid_leader', {
      kind: 'grids',
      streetId: a.street.id,
      gridIds: [a.grids[0]!.id],
    });
    worker = await createUser(t, 'worker-a1', 'grid_worker', {
      kind: 'grids',
      streetId: a.street.id,
      gridIds: [a.grids[0]!.id],
    });
  });
  afterAll(() => t.close());

  const api = (u: TestUser) => http(t.url, u.token);
  // grids[k] is the 0.01° square at lng 114.3 + k·0.01, lat 30.5
  const inGrid = (k: number, lng0 = 114.3) => ({ lat: 30.505, lng: lng0 + k * 0.01 + 0.005 });

  async function building(u: TestUser, k: number, name: string, extra: object = {}) {
    const res = await api(u).post('/api/geo/buildings', { name, floors: 6, ...inGrid(k), ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('derives the grid (and community) of a building from its location', async () => {
    for (const k of [0, 1, 2, 3]) {
      const bld = await building(admin, k, `pip-${k}`);
      expect(bld.gridId).toBe(a.grids[k]!.id);
      expect(bld.communityId).toBe(a.grids[k]!.communityId);
      expect(bld.streetId).toBe(a.street.id);
    }
    // moving it re-derives the grid
    const bld = await building(admin, 0, 'mover');
    const moved = await api(admin).patch(`/api/geo/buildings/${bld.id}`, { version: bld.version, ...inGrid(3) });
    expect(moved.status).toBe(200);
    expect(moved.body.gridId).toBe(a.grids[3]!.id);
    expect(moved.body.version).toBe(bld.version + 1);
  });

  it('answers 400 errors.outside_area naming lat and lng for a location in no grid', async () => {
    const res = await api(admin).post('/api/geo/sites', { name: '荒地小卖部', type: 'shop', lat: 31.9, lng: 114.3 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('errors.outside_area');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lat', 'lng']);
    // street A's admin does not place things in street B's grids either
    const other = await api(admin).post('/api/geo/shelters', { name: 'x', capacity: 10, ...inGrid(0, 114.5) });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('errors.outside_area');
  });

  it('keeps households and persons where their building is, with derived counts', async () => {
    const bld = await building(admin, 1, 'count-me');
    const h = await api(admin).post('/api/geo/households', {
      buildingId: bld.id,
      unit: '1',
      room: '101',
      headName: '张三丰',
      phone: '13800001111',
    });
    expect(h.status).toBe(201);
    expect(h.body.gridId).toBe(a.grids[1]!.id);
    const p = await api(admin).post('/api/geo/persons', {
      householdId: h.body.id,
      name: '张三丰',
      idNumber: '420106198001011234',
    });
    expect(p.status).toBe(201);
    expect((await api(admin).get(`/api/geo/households/${h.body.id}`)).body.personCount).toBe(1);
    // one resident, one record: the same ID number twice is refused
    const twin = await api(admin).post('/api/geo/persons', {
      householdId: h.body.id,
      name: '张三',
      idNumber: '420106198001011234',
    });
    expect(twin.status).toBe(400);
    expect(twin.body.errors).toEqual([expect.objectContaining({ field: 'idNumber', code: 'duplicate' })]);
    expect((await api(admin).get(`/api/geo/buildings/${bld.id}`)).body.households).toBe(1);
    // the building moves: its household and person follow to the new grid
    const moved = await api(admin).patch(`/api/geo/buildings/${bld.id}`, { version: 1, ...inGrid(2) });
    expect(moved.status).toBe(200);
    expect((await api(admin).get(`/api/geo/households/${h.body.id}`)).body.gridId).toBe(a.grids[2]!.id);
    expect((await api(admin).get(`/api/geo/persons/${p.body.id}`)).body.communityId).toBe(a.grids[2]!.communityId);
  });

  it('answers a stale version with 409 and the current state', async () => {
    const bld = await building(admin, 0, 'versioned');
    expect((await api(admin).patch(`/api/geo/buildings/${bld.id}`, { version: 1, floors: 7 })).status).toBe(200);
    const stale = await api(admin).patch(`/api/geo/buildings/${bld.id}`, { version: 1, floors: 8 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('errors.conflict');
    expect(stale.body.current).toMatchObject({ id: bld.id, version: 2, floors: 7 });
  });

  it('refuses to delete what is still referenced (409 errors.in_use), then deletes', async () => {
    const bld = await building(admin, 0, 'referenced');
    const h = await api(admin).post('/api/geo/households', { buildingId: bld.id, room: '201', headName: '李四' });
    const refused = await api(admin).delete(`/api/geo/buildings/${bld.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.in_use');
    expect((await api(admin).delete(`/api/geo/households/${h.body.id}`)).status).toBe(204);
    expect((await api(admin).delete(`/api/geo/buildings/${bld.id}`)).status).toBe(204);
    expect((await api(admin).get(`/api/geo/buildings/${bld.id}`)).status).toBe(404);
    // a community with grids is in use
    expect((await api(admin).delete(`/api/geo/communities/${a.communities[0]!.id}`)).body.code).toBe('errors.in_use');
  });

  it('records every write with audit and a masked geo.changed event', async () => {
    const bld = await building(admin, 0, 'audited');
    const h = await api(admin).post('/api/geo/households', {
      buildingId: bld.id,
      room: '301',
      headName: '王小明',
      phone: '13912345678',
    });
    const ds = t.app.get(DataSource);
    const audits = await ds.query('SELECT action, after FROM audit_log WHERE object_id = $1', [h.body.id]);
    expect(audits).toEqual([expect.objectContaining({ action: 'geo.household.create' })]);
    const events = await ds.query(
      "SELECT payload, grid_id FROM event WHERE type = 'geo.changed' AND payload->>'id' = $1",
      [h.body.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].grid_id).toBe(a.grids[0]!.id);
    expect(unmaskedPii([audits, events])).toEqual([]);
    expect(JSON.stringify([audits, events])).not.toContain('王小明');
    expect(events[0].payload.data.headName).toBe('王*明');
  });

  it('scopes lists: a grid leader sees only its grid; another street is out of sight (404)', async () => {
    const inside = await building(admin, 0, 'scope-in');
    const outside = await building(admin, 3, 'scope-out');
    const hin = await api(admin).post('/api/geo/households', { buildingId: inside.id, room: '101', headName: '赵一' });
    const hout = await api(admin).post('/api/geo/households', {
      buildingId: outside.id,
      room: '101',
      headName: '钱二',
    });
    const list = await api(gridLeader).get('/api/geo/households?limit=10000');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((h: { id: string }) => h.id);
    expect(ids).toContain(hin.body.id);
    expect(ids).not.toContain(hout.body.id);
    expect(list.body.items.every((h: { gridId: string }) => h.gridId === a.grids[0]!.id)).toBe(true);
    expect(list.body.total).toBe(ids.length);
    expect(typeof list.body.seq).toBe('number');
    expect((await api(gridLeader).get(`/api/geo/households/${hout.body.id}`)).status).toBe(404);
    // filters page the same way
    const filtered = await api(admin).get(`/api/geo/households?buildingId=${outside.id}&limit=1&offset=0`);
    expect(filtered.body).toMatchObject({ total: 1, items: [{ id: hout.body.id }] });
    // street B sees none of street A, and A's objects answer 404 there
    expect((await api(otherAdmin).get(`/api/geo/buildings/${inside.id}`)).status).toBe(404);
    expect((await api(otherAdmin).get(`/api/geo/buildings?limit=10000`)).body.items).toEqual([]);
    expect(
      (await api(otherAdmin).get(`/api/geo/grids`)).body.items.map((g: { streetId: string }) => g.streetId),
    ).toEqual(b.grids.map(() => b.street.id));
    const streets = await api(gridLeader).get('/api/geo/streets');
    expect(streets.body).toMatchObject({ total: 1, items: [{ id: a.street.id, code: 'A' }] });
    // the street's structure is visible to everyone on it
    expect((await api(gridLeader).get('/api/geo/grids')).body.total).toBe(4);
    expect((await api(gridLeader).get('/api/geo/departments')).body.total).toBe(2);
  });

  it('lets community staff write only in their own community', async () => {
    const own = await api(staff).post('/api/geo/buildings', { name: 'staff-own', floors: 3, ...inGrid(1) });
    expect(own.status).toBe(201);
    // another community's buildings are out of their sight (404); its grid is in sight but not theirs (403)
    const other = await api(staff).post('/api/geo/buildings', { name: 'staff-other', floors: 3, ...inGrid(2) });
    expect(other.status).toBe(404);
    const grid = await api(staff).patch(`/api/geo/grids/${a.grids[2]!.id}`, { version: 1, name: '改名' });
    expect(grid.status).toBe(403);
    expect((await api(staff).post('/api/geo/communities', { code: 'X', name: '新社区' })).status).toBe(403);
    expect((await api(gridLeader).post('/api/geo/buildings', { name: 'x', floors: 3, ...inGrid(0) })).status).toBe(403);
  });

  it('masks personal data in every list and reveals it only on an audited request', async () => {
    const bld = await building(admin, 0, 'masked', { leaderName: '孙楼长', leaderPhone: '13700001234' });
    const h = await api(admin).post('/api/geo/households', {
      buildingId: bld.id,
      room: '501',
      headName: '周杰明',
      phone: '13655556666',
    });
    const p = await api(admin).post('/api/geo/persons', {
      householdId: h.body.id,
      name: '周杰明',
      phone: '13655556666',
      idNumber: '42010619750505123X',
    });
    for (const path of ['households', 'persons', 'buildings', 'grids', 'sites', 'shelters']) {
      expect(unmaskedPii((await api(admin).get(`/api/geo/${path}?limit=10000`)).body)).toEqual([]);
    }
    expect(unmaskedPii((await api(admin).get('/api/geo/buildings.geojson')).body)).toEqual([]);
    expect(p.body).toMatchObject({ name: '周*明', phone: '136****6666', idNumber: '420106********123X' });

    const revealed = await api(gridLeader).post(`/api/geo/persons/${p.body.id}/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({
      id: p.body.id,
      name: '周杰明',
      phone: '13655556666',
      idNumber: '42010619750505123X',
    });
    // the scanner used above does find clear values
    expect(unmaskedPii(revealed.body)).toEqual(['13655556666', '42010619750505123X']);
    const hh = await api(gridLeader).post(`/api/geo/households/${h.body.id}/reveal`);
    expect(hh.body).toEqual({ id: h.body.id, headName: '周杰明', phone: '13655556666' });
    expect((await api(admin).post(`/api/geo/buildings/${bld.id}/reveal`)).body).toEqual({
      id: bld.id,
      name: '孙楼长',
      phone: '13700001234',
    });
    // no pii.reveal → 403; out of scope → 404
    expect((await api(worker).post(`/api/geo/persons/${p.body.id}/reveal`)).status).toBe(403);
    expect((await api(otherAdmin).post(`/api/geo/persons/${p.body.id}/reveal`)).status).toBe(404);

    const ds = t.app.get(DataSource);
    const audit = await ds.query(
      "SELECT actor_id, object_type, result FROM audit_log WHERE action = 'pii.reveal' AND object_id = $1",
      [p.body.id],
    );
    expect(audit).toEqual([{ actor_id: gridLeader.user.id, object_type: 'person', result: 'ok' }]);
    const denied = await ds.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'deny:pii.reveal' AND actor_id = $1",
      [worker.user.id],
    );
    expect(denied[0].n).toBe(1);
  });

  it('serves every layer as a scoped GeoJSON FeatureCollection with masked properties', async () => {
    await building(admin, 0, 'geojson-0', { footprint: square(114.3041, 30.5041, 0.0002) });
    await building(admin, 3, 'geojson-3');
    for (const layer of ['communities', 'grids', 'compounds', 'buildings', 'sites', 'shelters', 'basemap']) {
      const res = await api(admin).get(`/api/geo/${layer}.geojson`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/geo+json');
      expect(res.body.type).toBe('FeatureCollection');
      expect(Array.isArray(res.body.features)).toBe(true);
    }
    const grids = (await api(admin).get('/api/geo/grids.geojson')).body;
    expect(grids.features).toHaveLength(4);
    expect(grids.features[0].geometry.type).toBe('Polygon');
    expect(grids.features[0].properties.area).toBeUndefined();
    expect(grids.features[0].properties.code).toBe('A-G1');
    const mine = (await api(gridLeader).get('/api/geo/buildings.geojson')).body.features;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f: any) => f.properties.gridId === a.grids[0]!.id)).toBe(true);
    const withFootprint = mine.find((f: any) => f.properties.name === 'geojson-0');
    expect(withFootprint.geometry.type).toBe('Polygon');
    expect(withFootprint.properties.footprint).toBeUndefined();
    const bbox = (await api(admin).get('/api/geo/buildings.geojson?bbox=114.33,30.5,114.34,30.51')).body.features;
    expect(bbox.length).toBeGreaterThan(0);
    expect(bbox.every((f: any) => f.properties.gridId === a.grids[3]!.id)).toBe(true);
  });
});

function square(lng: number, lat: number, size: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}
