import { DEMO_PASSWORD } from '@gridboard/server/auth/demo-accounts';
import { seedDemo } from '@gridboard/server/db/seed';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';

// Runs on PostgreSQL (pnpm test) and on embedded PGlite (TEST_DB=pglite): the demo register seeds on both.
describe('the demo street’s flood register', () => {
  let t: TestApp;
  const as = async (username: string) => http(t.url, (await login(t, username, DEMO_PASSWORD)).accessToken);

  beforeAll(async () => {
    t = await startApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t.close());

  it('has 12 households and 17 people in grids G01–G03, with demo accounts as cadres; seeding again adds none', async () => {
    const duty = await as('duty1');
    const list = (await duty.get('/api/flood/households?limit=100')).body;
    expect(list.total).toBe(12);
    expect(list.items.reduce((n: number, h: { personCount: number }) => n + h.personCount, 0)).toBe(17);
    expect(unmaskedPii(list)).toEqual([]);
    const grids = (await duty.get('/api/geo/grids?limit=100')).body.items as { id: string; code: string }[];
    const code = new Map(grids.map((g) => [g.id, g.code]));
    expect([...new Set(list.items.map((h: { gridId: string }) => code.get(h.gridId)))].sort()).toEqual([
      'ST01-G01',
      'ST01-G02',
      'ST01-G03',
    ]);
    const byCadre = (name: string) => list.items.filter((h: { cadreName: string }) => h.cadreName === name).length;
    expect([byCadre('陈刚'), byCadre('孙晓燕'), byCadre('赵磊'), byCadre('刘芳')]).toEqual([3, 2, 3, 4]);
    expect(list.items.every((h: { cadreUserId: string | null }) => h.cadreUserId !== null)).toBe(true);
    const again = await seedDemo(t.app.get(DataSource), { streets: 1 });
    expect(again.floodHouseholds).toBe(0);
    expect((await duty.get('/api/flood/households?limit=1')).body.total).toBe(12);
  });

  it('an orange warning over the street reaches each demo cadre’s phone page with their own households', async () => {
    const duty = await as('duty1');
    const r = await duty.post('/api/flood/warnings', {
      type: 'rainstorm',
      level: 'orange',
      message: '暴雨橙色预警，请立即转移',
      scope: { kind: 'street' },
    });
    expect([r.status, r.body.warning.households, r.body.warning.people]).toEqual([201, 12, 17]);
    const mine = async (username: string) =>
      (await (await as(username)).get(`/api/flood/tasks?warningId=${r.body.warning.id}&mine=true`)).body.items.length;
    expect([await mine('grid01'), await mine('worker01'), await mine('grid02'), await mine('community1')]).toEqual([
      3, 2, 3, 4,
    ]);
    // grid01 sees the 5 tasks of G01 (its own 3 and worker01's 2), not grid02's
    const grid01 = (await (await as('grid01')).get(`/api/flood/tasks?warningId=${r.body.warning.id}`)).body;
    expect(grid01.total).toBe(5);
    const shelters = (await duty.get(`/api/flood/warnings/${r.body.warning.id}/progress`)).body.byShelter;
    expect(shelters.length).toBeGreaterThan(0);
    expect(shelters.every((s: { capacity: number }) => s.capacity > 0)).toBe(true);
  });

  it('documents every flood route in OpenAPI', async () => {
    const doc = (await http(t.url).get('/api/docs-json')).body;
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => p.startsWith('/api/flood')).sort()).toEqual([
      '/api/flood/checkin',
      '/api/flood/households',
      '/api/flood/households/import',
      '/api/flood/households/{id}',
      '/api/flood/households/{id}/card',
      '/api/flood/households/{id}/reveal',
      '/api/flood/stats',
      '/api/flood/tasks',
      '/api/flood/tasks/{id}',
      '/api/flood/tasks/{id}/actions/{action}',
      '/api/flood/warnings',
      '/api/flood/warnings/active.atom',
      '/api/flood/warnings/{id}',
      '/api/flood/warnings/{id}.cap.xml',
      '/api/flood/warnings/{id}/actions/{action}',
      '/api/flood/warnings/{id}/progress',
      '/api/flood/warnings/{id}/review',
      '/api/flood/warnings/{id}/review.xlsx',
    ]);
    expect(
      doc.paths['/api/flood/tasks/{id}/actions/{action}'].post.requestBody.content['application/json'].schema.oneOf,
    ).toHaveLength(6);
    expect(
      doc.paths['/api/flood/warnings/{id}/actions/{action}'].post.requestBody.content['application/json'].schema.oneOf,
    ).toHaveLength(3);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'FloodHouseholdDto',
        'FloodWarningProgressDto',
        'TransferTaskResultDto',
        'FloodWarningIssueDto',
      ]),
    );
  });
});
