import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { http } from '../support/http';

// Runs on PostgreSQL. Every geo endpoint answers bad input with 400, naming the field and the reason.
describe('geo input validation', () => {
  let t: TestApp;
  let s: StreetFixture;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'VAL');
    admin = await createUser(t, 'val-admin', 'admin', { kind: 'street', streetId: s.street.id });
  });
  afterAll(() => t.close());

  const COLLECTIONS = [
    'communities',
    'grids',
    'compounds',
    'buildings',
    'sites',
    'shelters',
    'departments',
    'households',
    'persons',
  ];
  const LAYERS = ['communities', 'grids', 'compounds', 'buildings', 'sites', 'shelters', 'basemap'];
  const uuid = '00000000-0000-4000-8000-000000000000';
  const openRing = {
    type: 'Polygon',
    coordinates: [
      [
        [114.3, 30.5],
        [114.31, 30.5],
        [114.31, 30.51],
        [114.3, 30.51],
      ],
    ],
  };

  // [path, body, the field that must be named]
  const CREATE: [string, object, string][] = [
    ['communities', { name: '无编码社区' }, 'code'],
    ['communities', { code: 'C9', name: '' }, 'name'],
    ['grids', { communityId: 'x', code: 'G9', name: '网格', type: 'comprehensive', area: openRing }, 'communityId'],
    [
      'grids',
      { communityId: uuid, code: 'G9', name: '网格', type: 'comprehensive', area: openRing },
      'area.coordinates.0',
    ],
    ['grids', { communityId: uuid, code: 'G9', name: '网格', type: 'mixed', area: openRing }, 'type'],
    ['compounds', { name: '小区' }, 'gridId'],
    ['buildings', { name: '楼', floors: 0, lat: 30.505, lng: 114.305 }, 'floors'],
    ['buildings', { name: '楼', floors: 3, lat: 95, lng: 114.305 }, 'lat'],
    ['buildings', { name: '楼', floors: 3, lat: 30.505 }, 'lng'],
    ['buildings', { name: '楼', floors: 3, lat: 30.505, lng: 114.305, leaderPhone: 'abc' }, 'leaderPhone'],
    ['sites', { name: '店', type: 'casino', lat: 30.505, lng: 114.305 }, 'type'],
    ['sites', { name: '店', type: 'shop', grade: 'D', lat: 30.505, lng: 114.305 }, 'grade'],
    ['shelters', { name: '安置点', capacity: -1, lat: 30.505, lng: 114.305 }, 'capacity'],
    ['departments', { code: 'x', name: '部门', kind: 'army' }, 'kind'],
    ['households', { buildingId: uuid, headName: '张三' }, 'room'],
    ['households', { buildingId: uuid, room: '101', headName: '张三', phone: '电话' }, 'phone'],
    ['persons', { householdId: uuid, name: '张三', idNumber: '12345' }, 'idNumber'],
    ['persons', { householdId: uuid, name: '张三', birthYear: 1800 }, 'birthYear'],
    ['persons', { householdId: uuid, name: '张三', tags: ['x'.repeat(30)] }, 'tags.0'],
  ];

  it.each(CREATE)('POST /api/geo/%s %j → 400 naming %s', async (path, body, field) => {
    const res = await http(t.url, admin.token).post(`/api/geo/${path}`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('errors.validation');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]),
    );
  });

  it.each(COLLECTIONS)('PATCH /api/geo/%s/:id without a version → 400 naming version', async (path) => {
    const res = await http(t.url, admin.token).patch(`/api/geo/${path}/${uuid}`, { name: '改' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('version');
  });

  it.each(COLLECTIONS)('GET, PATCH, DELETE /api/geo/%s/not-a-uuid → 400 naming id', async (path) => {
    for (const res of [
      await http(t.url, admin.token).get(`/api/geo/${path}/not-a-uuid`),
      await http(t.url, admin.token).patch(`/api/geo/${path}/not-a-uuid`, { version: 1 }),
      await http(t.url, admin.token).delete(`/api/geo/${path}/not-a-uuid`),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('id');
    }
  });

  it.each(COLLECTIONS)('GET /api/geo/%s with bad paging → 400 naming limit/offset', async (path) => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=10001', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=abc', 'limit'],
    ]) {
      const res = await http(t.url, admin.token).get(`/api/geo/${path}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
    expect((await http(t.url, admin.token).get(`/api/geo/${path}?limit=10000`)).status).toBe(200);
  });

  it.each(LAYERS)('GET /api/geo/%s.geojson with a bad filter → 400 naming it', async (layer) => {
    const res = await http(t.url, admin.token).get(`/api/geo/${layer}.geojson?streetId=nope`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('streetId');
  });

  it.each([
    ['grids', 'communityId=1', 'communityId'],
    ['grids', 'type=round', 'type'],
    ['buildings', 'bbox=1,2,3', 'bbox'],
    ['buildings', 'bbox=114.4,30.5,114.3,30.6', 'bbox'],
    ['sites', 'nineSmall=maybe', 'nineSmall'],
    ['sites', 'grade=Z', 'grade'],
    ['households', 'buildingId=x', 'buildingId'],
    ['persons', 'householdId=x', 'householdId'],
    ['departments', 'kind=army', 'kind'],
  ])('GET /api/geo/%s?%s → 400 naming %s', async (path, query, field) => {
    const res = await http(t.url, admin.token).get(`/api/geo/${path}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it.each(['grids', 'buildings', 'sites', 'shelters', 'households', 'persons'])(
    'POST /api/geo/%s/not-a-uuid/reveal → 400 naming id',
    async (path) => {
      const res = await http(t.url, admin.token).post(`/api/geo/${path}/not-a-uuid/reveal`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('id');
    },
  );

  it('names references that do not exist, and speaks both languages', async () => {
    const zh = await http(t.url, admin.token).post('/api/geo/households', {
      buildingId: uuid,
      room: '1',
      headName: '张三',
    });
    expect(zh.status).toBe(400);
    expect(zh.body).toMatchObject({ message: '输入有误', errors: [{ field: 'buildingId', code: 'not_found' }] });
    expect(zh.body.errors[0].message).toMatch(/楼栋不存在 \/ no such building/);
    const en = await http(t.url, admin.token, 'en-US').post('/api/geo/buildings', {
      name: '楼',
      floors: 3,
      lat: 10,
      lng: 10,
    });
    expect(en.body).toMatchObject({ code: 'errors.outside_area', message: 'The location is not inside any grid' });
    const ref = await http(t.url, admin.token).post('/api/geo/buildings', {
      name: '楼',
      floors: 3,
      lat: 30.505,
      lng: 114.305,
      compoundId: uuid,
    });
    expect(ref.body.errors).toEqual([expect.objectContaining({ field: 'compoundId', code: 'not_found' })]);
    const dup = await http(t.url, admin.token).post('/api/geo/departments', {
      code: 'VAL-fire',
      name: '消防',
      kind: 'fire',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('errors.duplicate');
  });
});
