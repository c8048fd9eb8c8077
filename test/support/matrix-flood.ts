import { randomUUID } from 'node:crypto';
import { canSee, floodWarningWorkflow, hasPermission, type Jurisdiction, transferWorkflow } from '@gridboard/shared';
import { http } from './http';
import {
  type Cell,
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

const PHONE = '13812345678';
const ID_NUMBER = '420102199001011234';
/** Distinct points per grid, so a warning over a tiny area covers exactly one household. */
const SPOTS_PER_ROW = 80;

type Point = { lat: number; lng: number };

/**
 * Flood transfers in the matrix (issue 7): a register household stands on a building of the
 * context's grid and is seen in that grid (its community, street); a warning is street-wide; a
 * transfer task belongs to its household's grid. Every sample household gets its own building and,
 * for tasks, its own warning over a tiny area around it, so samples never share a task. A drill
 * coordinator acts only on drill warnings, so a warning prepared for one is a drill.
 */
export function floodMatrix(w: MatrixWorld): MatrixModule {
  const root = () => http(w.t.url, w.root.token);
  const shelters: Partial<Record<Ctx, { id: string; name: string }>> = {};
  let spot = 0;
  const pointIn = (ctx: Ctx): Point => {
    const g = w.place(ctx).grid;
    const k = ++spot;
    return {
      lat: g.minLat + 0.001 + Math.floor(k / SPOTS_PER_ROW) * 0.0001,
      lng: g.minLng + 0.001 + (k % SPOTS_PER_ROW) * 0.0001,
    };
  };
  const around = ({ lat, lng }: Point, d = 0.00002) => ({
    type: 'Polygon',
    coordinates: [
      [
        [lng - d, lat - d],
        [lng + d, lat - d],
        [lng + d, lat + d],
        [lng - d, lat + d],
        [lng - d, lat - d],
      ],
    ],
  });
  const building = async (ctx: Ctx, at: Point) => {
    const name = w.unique('矩阵防汛楼');
    const r = await root().post('/api/geo/buildings', { gridId: w.place(ctx).grid.id, name, ...at, floors: 2 });
    return { id: prepared(`a building in ${ctx}`, r).body.id as string, name };
  };
  const householdBody = async (ctx: Ctx, at = pointIn(ctx)) => ({
    buildingId: (await building(ctx, at)).id,
    room: w.unique('R'),
    headName: '张三丰',
    phone: PHONE,
    idNumber: ID_NUMBER,
    personCount: 2,
    vulnerable: ['elderly'],
    riskType: 'low_lying',
    cadreName: '李包保',
    cadrePhone: '13911112222',
    shelterId: shelters[ctx]!.id,
  });
  const household = async (ctx: Ctx, at = pointIn(ctx)) => {
    const r = await root().post('/api/flood/households', await householdBody(ctx, at));
    return prepared(`a register household in ${ctx}`, r).body as { id: string; version: number; cardCode: string };
  };
  const inGrid = (ctx: Ctx): Jurisdiction => gridPlace(w, ctx);

  /** A warning over a tiny area of the context's street (a drill when its caller may only run drills). */
  const warningBody = (ctx: Ctx, at: Point, caller: MatrixActor | null) => ({
    type: 'rainstorm',
    level: 'blue',
    message: '矩阵预警：强降雨，联系 13912345678',
    streetId: w.place(ctx).f.street.id,
    scope: { kind: 'area', area: around(at) },
    ...(caller?.role === 'drill_coordinator' ? { drillId: randomUUID() } : {}),
  });
  const warning = async (ctx: Ctx, at: Point, caller: MatrixActor | null) => {
    const r = await root().post('/api/flood/warnings', warningBody(ctx, at, caller));
    return prepared(`a warning in ${ctx}`, r).body.warning as { id: string; version: number };
  };
  const lift = async (id: string, version: number) =>
    prepared('lifting a warning', await root().post(`/api/flood/warnings/${id}/actions/lift`, { version })).body
      .warning as { id: string; version: number };

  /** A warning in `state` covering one fresh household of the context. */
  const warningAt = (state: 'active' | 'lifted') => async (ctx: Ctx, caller: MatrixActor | null) => {
    const at = pointIn(ctx);
    await household(ctx, at);
    let wr = await warning(ctx, at, caller);
    if (state === 'lifted') wr = await lift(wr.id, wr.version);
    return { id: wr.id, version: wr.version, jurisdiction: streetLevel(w, ctx) };
  };

  /** A transfer task of a fresh household, pending, under a warning that is active or already lifted. */
  const taskAt =
    (lifted: boolean) =>
    async (ctx: Ctx): Promise<Sample> => {
      const at = pointIn(ctx);
      const h = await household(ctx, at);
      const wr = await warning(ctx, at, null);
      const r = await root().get(`/api/flood/tasks?warningId=${wr.id}&floodHouseholdId=${h.id}`);
      const task = prepared(`a task in ${ctx}`, r).body.items[0] as { id: string; version: number };
      if (lifted) await lift(wr.id, wr.version);
      return { id: task.id, version: task.version, jurisdiction: inGrid(ctx) };
    };

  const resources: Record<string, Resource> = {
    'flood/households': {
      create: async (ctx) => {
        const h = await household(ctx);
        return { id: h.id, version: h.version, jurisdiction: inGrid(ctx) };
      },
    },
    'flood/warnings': { create: (ctx, caller) => warningAt('active')(ctx, caller), itemJurisdiction: streetWideItem },
    'flood/warnings@lifted': { create: (ctx, caller) => warningAt('lifted')(ctx, caller) },
    'flood/tasks': { create: taskAt(false) },
    'flood/tasks@lifted': { create: taskAt(true) },
  };

  const version = ({ target }: Cell) => ({ version: target!.version });
  const WARNING_BODIES: Record<string, (cell: Cell) => Record<string, unknown>> = {
    change_level: (c) => ({ ...version(c), level: 'orange', note: '雨势加大' }),
    lift: version,
    // someone is not home yet: closing needs the exception and its reason
    close: (c) => ({ ...version(c), exceptionReason: '矩阵：人员已电话确认安全' }),
  };
  const TASK_BODIES: Record<string, (cell: Cell) => Record<string, unknown>> = {
    notify: version,
    move: version,
    shelter: (c) => ({ ...version(c), shelterId: shelters[c.ctx]!.id, people: 2 }),
    self_arrange: (c) => ({ ...version(c), people: 2 }),
    refuse: (c) => ({ ...version(c), reason: '老人不愿离开，电话 13912345678' }),
    return: version,
  };
  const streetOfCtx = ({ ctx }: Cell) => ({ streetId: w.place(ctx).f.street.id });
  /** Reads of a street's figures: in the caller's street (the district's root names it). */
  const inStreet = (actor: MatrixActor, ctx: Ctx) => canSee(actor.scope, streetLevel(w, ctx, false));
  const csvOf = async (ctx: Ctx) => {
    const b = await building(ctx, pointIn(ctx));
    const header = '楼栋,单元,房号,户主,电话,身份证号,人数,特殊人群,风险类型,包保责任人,责任人电话,安置点,备注';
    const row = `${b.name},1,${w.unique('R')},张三丰,${PHONE},${ID_NUMBER},2,老人,低洼地,李包保,13911112222,${shelters[ctx]!.name},`;
    return Buffer.from(`${header}\n${row}\n`);
  };

  const cases: Record<string, RouteCase | RouteCase[]> = {
    'GET /api/flood/households': { ok: [200] },
    'POST /api/flood/households': {
      about: (ctx) => ({ id: '', version: 0, jurisdiction: inGrid(ctx) }),
      body: ({ ctx }) => householdBody(ctx),
      ok: [201],
    },
    'POST /api/flood/households/import': {
      // the file names a building of the context: one the caller cannot see is a bad row (400)
      inScope: (actor, ctx) => canSee(actor.scope, inGrid(ctx)),
      outOfScope: 400,
      query: (cell) => (cell.actor?.scope.kind === 'district' ? streetOfCtx(cell) : {}),
      upload: {
        field: 'file',
        file: async ({ ctx }) => ({ name: 'register.csv', type: 'text/csv', data: await csvOf(ctx) }),
      },
      ok: [200],
    },
    'GET /api/flood/households/:id': { ok: [200] },
    'GET /api/flood/households/:id/card': { ok: [200] },
    'PATCH /api/flood/households/:id': { body: (c) => ({ ...version(c), note: '矩阵备注' }), ok: [200] },
    'DELETE /api/flood/households/:id': { ok: [204] },
    // roles with pii.reveal, and the household's own cadre (none here): a grid worker is refused
    'POST /api/flood/households/:id/reveal': {
      shared: true,
      refuse: (actor) => (hasPermission(actor.role, 'pii.reveal') ? undefined : 403),
      ok: [200],
    },
    'GET /api/flood/warnings': { ok: [200] },
    'GET /api/flood/warnings/active.atom': { ok: [200] },
    'POST /api/flood/warnings': {
      inScope: inStreet,
      body: ({ ctx, actor }) => warningBody(ctx, pointIn(ctx), actor),
      ok: [201],
    },
    'GET /api/flood/warnings/:id.cap.xml': { resource: 'flood/warnings', ok: [200] },
    'GET /api/flood/warnings/:id': { ok: [200] },
    'GET /api/flood/warnings/:id/progress': { ok: [200] },
    'GET /api/flood/warnings/:id/review': { ok: [200] },
    'GET /api/flood/warnings/:id/review.xlsx': { resource: 'flood/warnings', ok: [200] },
    'POST /api/flood/warnings/:id/actions/:action': floodWarningWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      resource: tr.from.includes('active') ? 'flood/warnings' : 'flood/warnings@lifted',
      roles: tr.roles,
      body: WARNING_BODIES[tr.action],
      ok: [200],
    })),
    'GET /api/flood/tasks': { ok: [200] },
    'GET /api/flood/tasks/:id': { ok: [200] },
    'POST /api/flood/tasks/:id/actions/:action': transferWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      // people come home only once the warning is lifted; every other step starts from pending
      resource: tr.action === 'return' ? 'flood/tasks@lifted' : 'flood/tasks',
      roles: tr.roles,
      body: TASK_BODIES[tr.action],
      ok: [200],
    })),
    'POST /api/flood/checkin': {
      // the shelter stands in the household's grid: seeing either is seeing both
      about: (ctx) => ({ id: '', version: 0, jurisdiction: inGrid(ctx) }),
      body: async ({ ctx }) => {
        const t = await taskAt(false)(ctx);
        const r = await root().get(`/api/flood/tasks/${t.id}`);
        const h = await root().get(`/api/flood/households/${prepared('the task', r).body.floodHouseholdId}`);
        return { code: prepared('its household', h).body.cardCode, shelterId: shelters[ctx]!.id, people: 2 };
      },
      ok: [200],
    },
    // figures of the caller's jurisdiction (scoped like the lists)
    'GET /api/flood/stats': {
      query: () => ({ from: '2000-01-01T00:00:00+08:00', to: '2100-01-01T00:00:00+08:00' }),
      ok: [200],
    },
  };

  return {
    resources,
    cases,
    setup: async () => {
      for (const ctx of ['own', 'sibling', 'other'] as const) {
        const name = w.unique('矩阵安置点');
        const r = await root().post('/api/geo/shelters', {
          gridId: w.place(ctx).grid.id,
          name,
          ...pointIn(ctx),
          capacity: 10_000,
          contactName: '孙联系',
          contactPhone: PHONE,
        });
        shelters[ctx] = { id: prepared(`a shelter in ${ctx}`, r).body.id, name };
      }
      for (const r of Object.values(resources)) r.fixed = await perContext((ctx) => r.create!(ctx, w.root));
    },
  };
}
