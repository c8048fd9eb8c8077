import { pointInArea } from '@gridboard/shared';
import { seedDemo } from '@gridboard/server/db/seed';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createUser } from '../support/factories';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';

// Runs on PostgreSQL (pnpm test) and on embedded PGlite (test:pglite): the demo street seeds on both.
describe('demo street seed', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    // SEED_DEMO: the server seeds the demo street at boot because the database has no street
    t = await startApp({ SEED_DEMO: 'true' });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => ((await ds.query(sql, params)) as { n: number }[])[0]!.n;
  const tables = [
    'street',
    'community',
    'grid',
    'compound',
    'building',
    'household',
    'person',
    'site',
    'shelter',
    'department',
    'basemap_feature',
  ];
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (tb) => [tb, await count(`SELECT count(*)::int AS n FROM "${tb}"`)])),
    );

  it('seeds the demo street at boot with the specified shape', async () => {
    const c = await counts();
    expect(c).toMatchObject({
      street: 1,
      community: 8,
      grid: 26,
      building: 400,
      household: 4600,
      shelter: 6,
      department: 9,
      site: 450,
    });
    expect(c.compound).toBeGreaterThan(60);
    expect(c.person).toBeGreaterThan(c.household);
    expect(await count("SELECT count(*)::int AS n FROM grid WHERE type = 'dedicated'")).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM site WHERE nine_small')).toBeGreaterThan(100);
    expect(await count("SELECT count(*)::int AS n FROM site WHERE type = 'petrol_station'")).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*)::int AS n FROM site WHERE type = 'food_business' AND grade = 'A'"),
    ).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM shelter WHERE capacity > 0')).toBe(6);
    expect(await count("SELECT count(*)::int AS n FROM basemap_feature WHERE kind = 'river'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM basemap_feature WHERE kind = 'road'")).toBeGreaterThan(8);
    const depts = (await ds.query('SELECT code FROM department ORDER BY code')).map((r: { code: string }) => r.code);
    expect(depts).toEqual(['emergency', 'fire', 'gas', 'housing', 'market', 'police', 'power', 'urban', 'water']);
    // derived counts agree with the rows
    expect(await count('SELECT sum(households)::int AS n FROM grid')).toBe(4600);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM household h WHERE person_count <> (SELECT count(*) FROM person p WHERE p.household_id = h.id)',
      ),
    ).toBe(0);
  });

  it('names grid 1, grid 2 and community 1 by code, and places every building inside its grid', async () => {
    const [g1] = await ds.query(
      "SELECT g.id, g.type, c.code AS community FROM grid g JOIN community c ON c.id = g.community_id WHERE g.code = 'ST01-G01'",
    );
    const [g2] = await ds.query(
      "SELECT g.type, c.code AS community FROM grid g JOIN community c ON c.id = g.community_id WHERE g.code = 'ST01-G02'",
    );
    expect(g1).toMatchObject({ type: 'comprehensive', community: 'ST01-C1' });
    expect(g2).toMatchObject({ type: 'comprehensive', community: 'ST01-C1' });
    expect(await count('SELECT count(*)::int AS n FROM household WHERE grid_id = $1', [g1.id])).toBeGreaterThan(50);

    const grids = await ds.query('SELECT id, area FROM grid');
    const areaOf = new Map(grids.map((g: { id: string; area: any }) => [g.id, g.area]));
    for (const table of ['building', 'site', 'shelter']) {
      const rows: { grid_id: string; lat: number; lng: number }[] = await ds.query(
        `SELECT grid_id, lat, lng FROM ${table}`,
      );
      const outside = rows.filter((r) => !pointInArea(r, areaOf.get(r.grid_id) as any));
      expect({ table, outside }).toEqual({ table, outside: [] });
    }
    // around 114.30°E, 30.59°N
    const [{ lat, lng }] = await ds.query('SELECT avg(lat) AS lat, avg(lng) AS lng FROM building');
    expect(Math.abs(lng - 114.3)).toBeLessThan(0.03);
    expect(Math.abs(lat - 30.59)).toBeLessThan(0.03);
    // fake personal data in valid-looking formats
    const people = await ds.query('SELECT phone, id_number FROM person WHERE phone IS NOT NULL LIMIT 200');
    for (const p of people) {
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(p.id_number).toMatch(/^\d{17}[\dX]$/);
    }
  });

  it('seeds more streets side by side, and a second run changes nothing', async () => {
    const first = await seedDemo(ds, { streets: 2 });
    expect(first.created).toBe(1);
    expect(first.streets.map((s) => s.code)).toEqual(['ST01', 'ST02']);
    expect(new Set(first.streets.map((s) => s.name)).size).toBe(2);
    expect(first.streets[0]!.grids['ST01-G01']).toBeDefined();
    expect(Object.keys(first.streets[1]!.grids)).toHaveLength(26);
    expect(Object.keys(first.streets[1]!.communities)).toHaveLength(8);
    expect(first.streets[1]!.departments.fire).toBeDefined();
    const before = await counts();
    expect(before).toMatchObject({ street: 2, grid: 52, building: 800, household: 9200 });
    // streets do not overlap: no building of street 2 lies in a grid of street 1
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM building b JOIN grid g ON g.street_id <> b.street_id
       WHERE b.lat BETWEEN g.min_lat AND g.max_lat AND b.lng BETWEEN g.min_lng AND g.max_lng`,
    );
    expect(n).toBe(0);
    const again = await seedDemo(ds, { streets: 2 });
    expect(again.created).toBe(0);
    expect(again.streets).toEqual(first.streets);
    expect(await counts()).toEqual(before);
  });

  it('serves the seeded street through the API on this backend: layers, masked lists, in_use', async () => {
    const [street] = await ds.query("SELECT id FROM street WHERE code = 'ST01'");
    const admin = await createUser(t, 'seed-admin', 'admin', { kind: 'street', streetId: street.id });
    const api = http(t.url, admin.token);
    const buildings = await api.get('/api/geo/buildings.geojson');
    expect(buildings.body.features).toHaveLength(400);
    expect(buildings.body.features[0].geometry.type).toBe('Polygon');
    const persons = await api.get('/api/geo/persons?limit=10000');
    expect(persons.body.total).toBeGreaterThan(10000);
    expect(unmaskedPii(persons.body)).toEqual([]);
    const refused = await api.delete(`/api/geo/buildings/${buildings.body.features[0].id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.in_use');
  });
});
