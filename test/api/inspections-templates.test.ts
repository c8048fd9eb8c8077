import { Clock } from '@gridboard/server/command/clock';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { type Cast, createCast } from '../support/incidents';
import { as, createSite, createTemplate, FIRE_ITEMS, inspect } from '../support/inspections';

const DAY = 86_400_000;

describe('checklist templates and graded supervision', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  let cast: Cast;
  let otherCast: Cast;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'TPL');
    other = await createStreet(t, 'TPX', 115);
    cast = await createCast(t, s, 'tpl');
    otherCast = await createCast(t, other, 'tpx');
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  it('lets only someone responsible for the whole street change its checklists and intervals', async () => {
    // an account whose scope is narrower than its role's (imported that way): one grid of the street
    const narrow = await createUser(t, 'tpl-narrow-duty', 'duty_officer', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    const writes = [
      await as(t, narrow).post('/api/inspections/templates', { name: '网格自定表', items: FIRE_ITEMS }),
      await as(t, narrow).put(`/api/inspections/templates/${tpl.id}`, { version: tpl.version, name: '改名' }),
      await as(t, narrow).put('/api/inspections/intervals', { intervalMonths: { A: 1, B: 1, C: 1 }, version: 0 }),
    ];
    expect(writes.map((r) => [r.status, r.body.code])).toEqual(
      Array.from({ length: 3 }, () => [403, 'errors.street_config_only']),
    );
    // reading stays open to it, and nothing changed
    const read = await as(t, narrow).get(`/api/inspections/templates/${tpl.id}`);
    expect([read.status, read.body.version, read.body.name]).toEqual([200, tpl.version, tpl.name]);
  });

  it('versions a template on every change of its items; old records keep the version they were answered against', async () => {
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    const v1 = tpl.currentVersion;
    const site = await createSite(t, s, 0);
    const before = await inspect(t, cast.grid_worker, site.id, v1.id, {}, { extinguisher_count: 1 });
    expect(before.record).toMatchObject({ templateVersion: 1, result: 'fail', failedItems: ['extinguisher_count'] });

    // The street now wants four extinguishers, and one more item; the keys of the others stay.
    const items = v1.items.map((i: { key: string }) => (i.key === 'extinguisher_count' ? { ...i, min: 4 } : i));
    const edited = await as(t, cast.duty_officer).put(`/api/inspections/templates/${tpl.id}`, {
      version: tpl.version,
      items: [...items, { label: '消防通道无占用', kind: 'yes_no' }],
    });
    expect([edited.status, edited.body.code]).toEqual([200, undefined]);
    const v2 = edited.body.currentVersion;
    expect(v2).toMatchObject({ number: 2 });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.items).toHaveLength(FIRE_ITEMS.length + 1);
    expect(v2.items.at(-1).key).toMatch(/^i[0-9a-f]{10}$/);

    // The old record still reads as it was answered: version 1, its labels, its verdict.
    const old = await as(t, cast.duty_officer).get(`/api/inspections/records/${before.record.id}`);
    expect(old.body.record).toMatchObject({
      templateVersionId: v1.id,
      templateVersion: 1,
      failedItems: ['extinguisher_count'],
    });
    const exact = await as(t, cast.grid_worker).get(`/api/inspections/templates/versions/${v1.id}`);
    expect(exact.body.items.find((i: { key: string }) => i.key === 'extinguisher_count').min).toBe(2);
    // A draft filled against version 1 is still accepted; a new one is judged by version 2.
    expect((await inspect(t, cast.grid_worker, site.id, v1.id, {}, { extinguisher_count: 3 })).record.result).toBe(
      'pass',
    );
    const now = await as(t, cast.grid_worker).post('/api/inspections/records', {
      clientId: crypto.randomUUID(),
      siteId: site.id,
      templateVersionId: v2.id,
      answers: [
        ...before.record.answers.map((a: { itemKey: string; value: unknown }) => ({
          itemKey: a.itemKey,
          value: a.itemKey === 'extinguisher_count' ? 3 : a.value,
          photoIds: [],
        })),
        { itemKey: v2.items.at(-1).key, value: true },
      ],
    });
    // Version 2 also needs the photo again: the answer above has none.
    expect(now.status).toBe(400);
    expect(now.body.errors.map((e: { field: string }) => e.field)).toContain(
      `answers[${FIRE_ITEMS.findIndex((i) => i.key === 'photo')}].photoIds`,
    );

    // Metadata changes in place (no new version); a stale version is refused with the current one.
    const meta = await as(t, cast.leader).put(`/api/inspections/templates/${tpl.id}`, {
      version: edited.body.version,
      description: '2026 版',
      active: false,
    });
    expect(meta.body.currentVersion.number).toBe(2);
    expect(meta.body.active).toBe(false);
    const stale = await as(t, cast.leader).put(`/api/inspections/templates/${tpl.id}`, {
      version: tpl.version,
      name: '改名',
    });
    expect([stale.status, stale.body.code, stale.body.current.version]).toEqual([
      409,
      'errors.conflict',
      meta.body.version,
    ]);
    const versions = await as(t, cast.display).get(`/api/inspections/templates/${tpl.id}/versions`);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const active = await as(t, cast.grid_worker).get('/api/inspections/templates?active=true&siteType=restaurant');
    expect(active.body.items.map((x: { id: string }) => x.id)).not.toContain(tpl.id);
  });

  it('refuses bad checklists naming the field, and only office roles write them', async () => {
    const fields = async (items: unknown[]) => {
      const r = await as(t, cast.leader).post('/api/inspections/templates', { name: '坏表', items });
      expect(r.status).toBe(400);
      return r.body.errors.map((e: { field: string }) => e.field).sort();
    };
    expect(
      await fields([
        { key: 'a', label: '数值', kind: 'number', min: 5, max: 1 },
        { key: 'a', label: '重复', kind: 'yes_no' },
      ]),
    ).toEqual(['items.0.max', 'items.1.key']);
    const shape = await fields([
      { key: 'c', label: '选择', kind: 'choice', options: [{ value: 'x', label: 'X', pass: true }] },
      { key: 'd', label: '未知', kind: 'slider' },
    ]);
    expect(shape[0]).toBe('items.0.options');
    expect(shape[1]).toMatch(/^items\.1/);
    expect((await as(t, cast.leader).post('/api/inspections/templates', { name: '空表', items: [] })).status).toBe(400);
    const byWorker = await as(t, cast.grid_worker).post('/api/inspections/templates', { name: 'x', items: FIRE_ITEMS });
    expect(byWorker.status).toBe(403);
    // District administrators name the street; a street that does not exist is a bad field.
    const noStreet = await as(t, cast.admin).post('/api/inspections/templates', { name: 'x', items: FIRE_ITEMS });
    expect([noStreet.status, noStreet.body.errors[0].field]).toEqual([400, 'streetId']);
    // Another street's template is not found.
    const theirs = await createTemplate(t, otherCast.leader, other.street.id);
    expect((await as(t, cast.leader).get(`/api/inspections/templates/${theirs.id}`)).status).toBe(404);
    expect(
      (await as(t, cast.grid_worker).get(`/api/inspections/templates/versions/${theirs.currentVersion.id}`)).status,
    ).toBe(404);
  });

  it('sets the interval by supervision grade (street-configurable) and lists what is due, overdue and never seen', async () => {
    const a = await createSite(t, s, 1, { grade: 'A', name: 'A级加油站' });
    const b = await createSite(t, s, 1, { grade: 'B', name: 'B级餐馆' });
    const c = await createSite(t, s, 1, { grade: 'C', name: 'C级商铺' });
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    const g2 = await createUser(t, 'tpl-g2', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[1]!.id],
    });
    for (const site of [a, b, c]) await inspect(t, g2, site.id, tpl.currentVersion.id);
    const due = async (q = '') =>
      Object.fromEntries(
        (await as(t, g2).get(`/api/inspections/sites-status?gridId=${s.grids[1]!.id}${q}`)).body.items.map(
          (i: { siteId: string; dueStatus: string; intervalMonths: number }) => [i.siteId, i],
        ),
      );
    let st = await due();
    expect([st[a.id].intervalMonths, st[b.id].intervalMonths, st[c.id].intervalMonths]).toEqual([1, 3, 6]);
    expect([st[a.id].dueStatus, st[b.id].dueStatus, st[c.id].dueStatus]).toEqual(['ok', 'ok', 'ok']);

    // 20 days on: A (monthly) is due within 14 days; 35 days on, it is overdue and B is fine.
    t.app.get(Clock).advance(20 * DAY);
    st = await due();
    expect([st[a.id].dueStatus, st[b.id].dueStatus]).toEqual(['due', 'ok']);
    t.app.get(Clock).advance(15 * DAY);
    const list = await as(t, g2).get(`/api/inspections/due?gridId=${s.grids[1]!.id}`);
    expect(list.body.items.map((i: { siteId: string; dueStatus: string }) => [i.siteId, i.dueStatus])).toEqual([
      [a.id, 'overdue'],
    ]);

    // The street makes B monthly too: now B is overdue as well; the default for C stays.
    const read = await as(t, cast.display).get('/api/inspections/intervals');
    expect(read.body).toEqual({ streetId: s.street.id, intervalMonths: { A: 1, B: 3, C: 6 }, version: 0 });
    const set = await as(t, cast.leader).put('/api/inspections/intervals', {
      intervalMonths: { A: 1, B: 1, C: 6 },
      version: 0,
    });
    expect([set.status, set.body.version]).toEqual([200, 1]);
    const again = await as(t, cast.duty_officer).put('/api/inspections/intervals', {
      intervalMonths: { A: 1, B: 2, C: 6 },
      version: 0,
    });
    expect([again.status, again.body.current.version]).toEqual([409, 1]);
    expect(
      (
        await as(t, cast.grid_leader).put('/api/inspections/intervals', {
          intervalMonths: { A: 1, B: 1, C: 1 },
          version: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (await as(t, cast.leader).put('/api/inspections/intervals', { intervalMonths: { A: 0, B: 1, C: 1 }, version: 1 }))
        .body.errors[0].field,
    ).toBe('intervalMonths.A');
    st = await due();
    expect([st[a.id].dueStatus, st[b.id].dueStatus, st[c.id].dueStatus]).toEqual(['overdue', 'overdue', 'ok']);
    // Another street keeps the defaults.
    expect((await as(t, otherCast.display).get('/api/inspections/intervals')).body.intervalMonths.B).toBe(3);
    // A drill inspection does not count as the last visit.
    await inspect(t, g2, a.id, tpl.currentVersion.id, { drillId: crypto.randomUUID() });
    expect((await due())[a.id].dueStatus).toBe('overdue');
    await inspect(t, g2, a.id, tpl.currentVersion.id);
    expect((await due())[a.id].dueStatus).toBe('ok');
    expect((await due('&dueStatus=overdue'))[a.id]).toBeUndefined();
  });
});
