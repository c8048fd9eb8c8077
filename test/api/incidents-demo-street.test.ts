import { distanceMeters } from '@gridboard/shared';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createUser, type TestUser } from '../support/factories';
import { api } from '../support/incidents';

interface Row {
  id: string;
  grid_id: string;
  community_id: string;
  building_id: string | null;
  lat: number;
  lng: number;
  address: string;
}

/** Incidents pinned to the demo street's buildings and sites (一标三实), as the phone page reports them. */
describe('incidents on the demo street', () => {
  let t: TestApp;
  let ds: DataSource;
  let officer: TestUser;
  let streetId: string;
  let building: Row;
  let site: Row;

  beforeAll(async () => {
    t = await startApp({ SEED_DEMO: 'true' });
    ds = t.app.get(DataSource);
    [{ id: streetId }] = await ds.query('SELECT id FROM street');
    officer = await createUser(t, 'demo-duty', 'duty_officer', { kind: 'street', streetId });
    [building] = await ds.query(
      'SELECT id, grid_id, community_id, lat, lng, address FROM building ORDER BY id LIMIT 1',
    );
    [site] = await ds.query(
      'SELECT id, grid_id, community_id, building_id, lat, lng, address FROM site WHERE building_id IS NOT NULL ORDER BY id LIMIT 1',
    );
  });
  afterAll(() => t.close());

  const report = (location: object) =>
    api(t, officer).post('/api/incidents', {
      source: 'grid_patrol',
      category: 'flying_wire_charging',
      severity: 'high',
      title: '楼道飞线充电',
      location,
    });

  it('derives the grid and the nearest building from a map point', async () => {
    // About 10 m north-east of a building.
    const p = { lat: building.lat + 0.00007, lng: building.lng + 0.00007 };
    const res = await report(p);
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    const i = res.body.incident;
    const buildings = (await ds.query('SELECT id, lat, lng FROM building WHERE grid_id = $1', [i.gridId])) as Row[];
    const closest = buildings.reduce((a, b) => (distanceMeters(p, a) <= distanceMeters(p, b) ? a : b));
    expect(i.buildingId).toBe(closest.id);
    expect(distanceMeters(p, closest)).toBeLessThan(150);
    expect(i.address).not.toBe('');
    expect(i.lat).toBe(p.lat);
  });

  it('takes the grid, community and position of a named building or site', async () => {
    const byBuilding = (await report({ buildingId: building.id })).body.incident;
    expect(byBuilding).toMatchObject({
      buildingId: building.id,
      gridId: building.grid_id,
      communityId: building.community_id,
      lat: building.lat,
      lng: building.lng,
      address: building.address,
    });
    const bySite = (await report({ siteId: site.id, address: '后门' })).body.incident;
    expect(bySite).toMatchObject({
      siteId: site.id,
      buildingId: site.building_id,
      gridId: site.grid_id,
      address: '后门',
    });
  });

  it('refuses unknown buildings and sites, and a grid that is not theirs', async () => {
    const ghost = await report({ buildingId: '00000000-0000-4000-8000-00000000b00d' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.errors[0]).toMatchObject({ field: 'location.buildingId', code: 'not_found' });
    const noSite = await report({ siteId: '00000000-0000-4000-8000-00000000b00d' });
    expect(noSite.body.errors[0]).toMatchObject({ field: 'location.siteId', code: 'not_found' });
    const [other] = await ds.query('SELECT id FROM grid WHERE id <> $1 LIMIT 1', [building.grid_id]);
    const mismatch = await report({ buildingId: building.id, gridId: other.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]).toMatchObject({ field: 'location.gridId', code: 'mismatch' });
  });

  it('dispatches to the demo street’s departments, and not to made-up ones', async () => {
    const { incident } = (await report({ buildingId: building.id })).body;
    const [fire] = await ds.query("SELECT id FROM department WHERE kind = 'fire' AND street_id = $1", [streetId]);
    const accepted = await api(t, officer).post(`/api/incidents/${incident.id}/actions/accept`, {
      version: incident.version,
    });
    const dispatched = await api(t, officer).post(`/api/incidents/${incident.id}/actions/dispatch`, {
      version: accepted.body.incident.version,
      targets: { departmentIds: [fire.id] },
    });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.incident.targets.departmentIds).toEqual([fire.id]);
  });
});
