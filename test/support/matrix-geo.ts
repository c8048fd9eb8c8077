import { canSee, type Jurisdiction } from '@gridboard/shared';
import { BasemapFeatureEntity } from '@gridboard/server/geo/basemap-feature.entity';
import { DataSource } from 'typeorm';
import { square } from './factories';
import { http } from './http';
import { pointIn } from './incidents';
import {
  type Ctx,
  gridPlace,
  type MatrixActor,
  type MatrixModule,
  type MatrixWorld,
  perContext,
  prepared,
  type Resource,
  type RouteCase,
  type Sample,
  streetLevel,
  streetWideItem,
} from './matrix';

/** How the matrix makes one registry kind (docs/GEO.md) in a context, and who may see it. */
interface GeoKind {
  /** The body of a new object in the context. */
  create: (ctx: Ctx) => Record<string, unknown>;
  /** Fields of a PATCH that changes nothing else. */
  patch: () => Record<string, unknown>;
  /** Where an object of the context belongs (`id` unknown for one not created yet). */
  jurisdiction: (ctx: Ctx, id?: string) => Jurisdiction;
  /** The street fixture's own object of the context (communities, grids, departments). */
  fixture?: (ctx: Ctx) => { id: string; version: number };
  /** Has `POST :id/reveal`. */
  reveal?: boolean;
  /** Is drawn as a map layer (`GET /api/geo/<kind>.geojson`). */
  layer?: boolean;
  /** Where a listed item belongs (default: its streetId/communityId/gridId). */
  itemJurisdiction?: Resource['itemJurisdiction'];
}

const PHONE = '13812345678';

/**
 * The geo registry in the matrix: every kind with ids gets fixed samples (the street fixture's own
 * communities, grids and departments; compounds, buildings, sites, shelters, households and persons
 * created through the API in each context) and a fresh object for each write expected to succeed.
 * Reads are street-wide for the street's structure, by grid for the rest; writes need the object
 * inside the writer's own jurisdiction (`GeoAccess`): visible but not theirs → 403.
 */
export function geoMatrix(w: MatrixWorld): MatrixModule {
  const fixedId = (key: string, ctx: Ctx) => resources[key]!.fixed![ctx]!.id;
  const near = (ctx: Ctx) => {
    const p = w.place(ctx);
    return pointIn(p.f, p.f.grids.indexOf(p.grid));
  };
  const structure = (over: Partial<Jurisdiction>) => (ctx: Ctx) => ({ ...streetLevel(w, ctx), ...over });
  /** A new located object (building, site, shelter) at the middle of the context's grid. */
  const located = (ctx: Ctx, name: string, fields: Record<string, unknown>) => ({
    gridId: w.place(ctx).grid.id,
    name: w.unique(name),
    ...near(ctx),
    ...fields,
  });
  const rename = (name: string) => () => ({ name: w.unique(name) });

  const KINDS: Record<string, GeoKind> = {
    communities: {
      create: (ctx) => ({ streetId: w.place(ctx).f.street.id, code: w.unique('MC'), name: '矩阵社区' }),
      patch: rename('社区改名'),
      layer: true,
      jurisdiction: (ctx, id) => structure({ communityId: id ?? null })(ctx),
      fixture: (ctx) => w.place(ctx).community,
      itemJurisdiction: (i) => ({ ...streetWideItem(i)!, communityId: i.id as string }),
    },
    grids: {
      create: (ctx) => ({
        communityId: w.place(ctx).community.id,
        code: w.unique('MG'),
        name: '矩阵网格',
        type: 'comprehensive',
        area: square(120, 40),
        leaderName: '王网格',
        leaderPhone: PHONE,
      }),
      patch: rename('网格改名'),
      layer: true,
      jurisdiction: (ctx, id) => ({ ...gridPlace(w, ctx, true), gridId: id ?? null }),
      fixture: (ctx) => w.place(ctx).grid,
      reveal: true,
      itemJurisdiction: (i) => ({ ...streetWideItem(i)!, gridId: i.id as string }),
    },
    departments: {
      create: (ctx) => ({
        streetId: w.place(ctx).f.street.id,
        code: w.unique('md'),
        name: '矩阵部门',
        kind: 'police',
        // an office's duty line, shown to everyone who may summon it (not personal data)
        dutyPhone: '027-85551234',
      }),
      patch: rename('部门改名'),
      jurisdiction: (ctx, id) => structure({ departmentIds: id ? [id] : [] })(ctx),
      fixture: (ctx) => w.place(ctx).department,
      itemJurisdiction: (i) => ({ ...streetWideItem(i)!, departmentIds: [i.id as string] }),
    },
    compounds: {
      create: (ctx) => ({ gridId: w.place(ctx).grid.id, name: w.unique('小区') }),
      patch: rename('小区改名'),
      layer: true,
      jurisdiction: (ctx) => gridPlace(w, ctx),
    },
    buildings: {
      create: (ctx) => located(ctx, '楼', { floors: 6, leaderName: '赵楼长', leaderPhone: PHONE }),
      patch: rename('楼改名'),
      layer: true,
      jurisdiction: (ctx) => gridPlace(w, ctx),
      reveal: true,
    },
    sites: {
      create: (ctx) => located(ctx, '小卖部', { type: 'shop', contactName: '钱店主', contactPhone: PHONE }),
      patch: rename('店改名'),
      layer: true,
      jurisdiction: (ctx) => gridPlace(w, ctx),
      reveal: true,
    },
    shelters: {
      create: (ctx) => located(ctx, '安置点', { capacity: 100, contactName: '孙联系', contactPhone: PHONE }),
      patch: rename('安置点改名'),
      // shelters are part of every flood map on the street
      layer: true,
      jurisdiction: (ctx) => gridPlace(w, ctx, true),
      reveal: true,
      itemJurisdiction: streetWideItem,
    },
    households: {
      create: (ctx) => ({
        buildingId: fixedId('geo/buildings', ctx),
        room: w.unique('R'),
        headName: '张三丰',
        phone: PHONE,
      }),
      patch: () => ({ headName: '李四' }),
      jurisdiction: (ctx) => gridPlace(w, ctx),
      reveal: true,
    },
    persons: {
      create: (ctx) => ({
        householdId: fixedId('geo/households', ctx),
        name: '张三丰',
        phone: PHONE,
        idNumber: `4201021990${w.unique('').padStart(7, '0')}X`,
      }),
      patch: () => ({ name: '王五' }),
      jurisdiction: (ctx) => gridPlace(w, ctx),
      reveal: true,
    },
  };

  const createIn = async (path: string, kind: GeoKind, ctx: Ctx): Promise<Sample> => {
    const r = prepared(`${path} in ${ctx}`, await http(w.t.url, w.root.token).post(`/api/${path}`, kind.create(ctx)));
    return { id: r.body.id, version: r.body.version, jurisdiction: kind.jurisdiction(ctx, r.body.id) };
  };

  const resources: Record<string, Resource> = {
    'geo/streets': { itemJurisdiction: (i) => streetWideItem({ streetId: i.id }) },
    'geo/basemap': { itemJurisdiction: streetWideItem },
  };
  const cases: Record<string, RouteCase | RouteCase[]> = {
    'GET /api/geo/streets': { ok: [200] },
    'GET /api/geo/basemap.geojson': { ok: [200] },
    'POST /api/geo/import/:kind': {
      params: { kind: 'buildings' },
      inScope: (actor: MatrixActor, ctx: Ctx) => canSee(actor.scope, streetLevel(w, ctx, false)),
      query: ({ ctx }) => ({ streetId: w.place(ctx).f.street.id }),
      body: ({ ctx }) => ({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [near(ctx).lng, near(ctx).lat] },
            properties: { 楼栋: w.unique('导入楼'), 层数: 5, 网格: w.place(ctx).grid.code },
          },
        ],
      }),
      ok: [200],
    },
  };
  /** Writes need the object inside the writer's own jurisdiction, street-wide visibility aside. */
  const writable = (actor: MatrixActor, target: Sample | null) =>
    target && target.jurisdiction !== 'everyone' && canSee(actor.scope, { ...target.jurisdiction, streetWide: false })
      ? undefined
      : 403;

  for (const [name, kind] of Object.entries(KINDS)) {
    const path = `geo/${name}`;
    resources[path] = { create: (ctx) => createIn(path, kind, ctx), itemJurisdiction: kind.itemJurisdiction };
    Object.assign(cases, {
      [`GET /api/${path}`]: { ok: [200] },
      ...(kind.layer ? { [`GET /api/${path}.geojson`]: { ok: [200] } } : {}),
      [`GET /api/${path}/:id`]: { ok: [200] },
      [`POST /api/${path}`]: {
        about: (ctx: Ctx) => ({ id: '', version: 0, jurisdiction: kind.jurisdiction(ctx) }),
        body: ({ ctx }) => kind.create(ctx),
        refuse: writable,
        ok: [201],
      },
      [`PATCH /api/${path}/:id`]: {
        body: ({ target }) => ({ version: target!.version, ...kind.patch() }),
        refuse: writable,
        ok: [200],
      },
      [`DELETE /api/${path}/:id`]: { refuse: writable, ok: [204] },
      ...(kind.reveal ? { [`POST /api/${path}/:id/reveal`]: { shared: true, ok: [200] } } : {}),
    } satisfies Record<string, RouteCase>);
  }

  return {
    resources,
    cases,
    setup: async () => {
      // in table order: households need the buildings, persons the households
      for (const [name, kind] of Object.entries(KINDS)) {
        resources[`geo/${name}`]!.fixed = await perContext(async (ctx) => {
          if (!kind.fixture) return createIn(`geo/${name}`, kind, ctx);
          const { id, version } = kind.fixture(ctx);
          return { id, version, jurisdiction: kind.jurisdiction(ctx, id) };
        });
      }
      const m = w.t.app.get(DataSource).manager;
      resources['geo/streets']!.fixed = await perContext(async (ctx) => {
        const { id, version } = w.place(ctx).f.street;
        return { id, version, jurisdiction: streetLevel(w, ctx) };
      });
      resources['geo/basemap']!.fixed = await perContext(async (ctx) => {
        const { lat, lng } = near(ctx);
        const row = await m.save(BasemapFeatureEntity, {
          streetId: w.place(ctx).f.street.id,
          kind: 'road',
          name: w.unique('矩阵路'),
          geometry: {
            type: 'LineString',
            coordinates: [
              [lng, lat],
              [lng + 0.001, lat],
            ],
          },
        });
        return { id: row.id, version: row.version, jurisdiction: streetLevel(w, ctx) };
      });
    },
  };
}
