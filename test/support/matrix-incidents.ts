import {
  canSee,
  DEFAULT_HOTLINE_MAPPING,
  DEFAULT_INCIDENT_CATEGORIES,
  hasPermission,
  INCIDENT_SOURCES,
  type IncidentState,
  incidentWorkflow,
  SEVERITIES,
  type SummonsState,
  summonsWorkflow,
  transition,
  whistleWorkflow,
} from '@gridboard/shared';
import sharp from 'sharp';
import { http } from './http';
import {
  actionPayload,
  bringSummons,
  bringTo,
  newIncident,
  SUMMONS_PAYLOADS,
  type Targets,
  WHISTLE_PAYLOADS,
} from './incidents';
import {
  type Ctx,
  gridPlace,
  itemJurisdiction,
  type MatrixActor,
  type MatrixModule,
  type MatrixWorld,
  perContext,
  prepared,
  type Resource,
  type RouteCase,
  type Sample,
  streetLevel,
} from './matrix';

/** States in which an incident is with the departments it was dispatched to. */
const WITH_DEPARTMENTS: readonly IncidentState[] = ['dispatched', 'in_progress', 'resolved', 'verified', 'closed'];
const RECEIVERS = transition(incidentWorkflow, 'accept')!.roles;
const RESIDENT_TEXT = '居民张三丰来电 13912345678（身份证 420102199001011234）';

/**
 * Incidents and whistles in the matrix. An incident is seen in its grid (and community, street) and
 * by the departments it is dispatched to; a whistle in its incident's grid and by the departments it
 * summoned. Every workflow action is a variant of its route, tried on a sample in the state the
 * action starts from, so an allowed role answers 200 inside the jurisdiction, 404 outside, and a
 * role the workflow does not name 403.
 */
export function incidentsMatrix(w: MatrixWorld): MatrixModule {
  const targets = (ctx: Ctx): Targets => ({
    departmentIds: [w.place(ctx).department.id],
    gridId: w.place(ctx).grid.id,
  });
  const handler = (ctx: Ctx) => w.helper('dept_staff', ctx);

  const report = async (ctx: Ctx) => {
    const p = w.place(ctx);
    // residents type phone and ID numbers into descriptions: no answer may show them
    const body = newIncident(p.f, {
      location: { gridId: p.grid.id, address: '幸福路 3 号楼' },
      description: `${RESIDENT_TEXT}，3 号楼 2 单元夜间装修`,
    });
    return prepared(`incident in ${ctx}`, await http(w.t.url, w.root.token).post('/api/incidents', body)).body.incident;
  };

  /**
   * An incident of the context in `state`, dispatched to the context's department and grid. The
   * caller accepts it when it may (首接首办: then it owns it and may dispatch it), else the root does.
   */
  const incidentAt = async (ctx: Ctx, state: IncidentState, caller: MatrixActor = w.root): Promise<Sample> => {
    const owner = RECEIVERS.includes(caller.role) && canSee(caller.scope, gridPlace(w, ctx)) ? caller : w.root;
    const staff = await handler(ctx);
    const i = await bringTo(w.t, await report(ctx), state, targets(ctx), (who) =>
      who === 'owner' ? owner : who === 'dept_staff' ? staff : w.root,
    );
    return {
      id: i.id,
      version: i.version,
      jurisdiction: {
        ...gridPlace(w, ctx),
        departmentIds: WITH_DEPARTMENTS.includes(state) ? targets(ctx).departmentIds : [],
      },
    };
  };

  /** A whistle blown on a new incident of the context, summoning its department, the summons in `summons`. */
  const whistleIn = async (ctx: Ctx, summons: SummonsState) => {
    const blown = await http(w.t.url, w.root.token).post('/api/whistles', {
      incidentId: (await report(ctx)).id,
      reason: `需部门到场，${RESIDENT_TEXT}`,
      departments: [{ departmentId: w.place(ctx).department.id }],
    });
    return bringSummons(w.t, prepared(`whistle in ${ctx}`, blown).body.whistle, summons, await handler(ctx));
  };
  /** A whistle is seen in its incident's grid and by the departments it summoned. */
  const whistleSample = (wh: { id: string; version: number }, ctx: Ctx): Sample => ({
    id: wh.id,
    version: wh.version,
    jurisdiction: { ...gridPlace(w, ctx), departmentIds: targets(ctx).departmentIds },
  });
  const whistleAt = (summons: SummonsState) => async (ctx: Ctx) => whistleSample(await whistleIn(ctx, summons), ctx);
  /** A summons action names the whistle, the summons (`:summonsId`) and the summons' own version. */
  const summonsAt = (summons: SummonsState) => async (ctx: Ctx) => {
    const wh = await whistleIn(ctx, summons);
    const sm = wh.summons[0];
    return { ...whistleSample(wh, ctx), version: sm.version, params: { summonsId: sm.id } };
  };

  /** The resource of incidents in a state (`incidents` itself: dispatched, with a photo). */
  const stage = (state: IncidentState) => (state === 'dispatched' ? 'incidents' : `incidents@${state}`);
  const resources: Record<string, Resource> = {
    incidents: {
      create: (ctx, caller) => incidentAt(ctx, 'dispatched', caller),
      itemJurisdiction: (i) => ({
        ...itemJurisdiction(i)!,
        departmentIds: (i.targets as Targets).departmentIds,
      }),
    },
    whistles: {
      create: whistleAt('summoned'),
      itemJurisdiction: (i) => ({
        ...itemJurisdiction(i)!,
        departmentIds: (i.summons as { departmentId: string }[]).map((s) => s.departmentId),
      }),
    },
    'whistles@reported': { create: whistleAt('reported') },
    'summons@summoned': { create: summonsAt('summoned') },
    'summons@on_site': { create: summonsAt('on_site') },
  };
  for (const state of ['reported', 'accepted', 'in_progress', 'resolved', 'verified'] as const) {
    resources[stage(state)] = { create: (ctx, caller) => incidentAt(ctx, state, caller) };
  }

  const png = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 30 } } })
    .png()
    .toBuffer();
  const photo = async () => ({ name: 'photo.png', type: 'image/png', data: await png });
  const version = ({ target }: { target: Sample | null }) => ({ version: target!.version });

  const cases: Record<string, RouteCase | RouteCase[]> = {
    'GET /api/incidents': { ok: [200] },
    'GET /api/incidents/counts': { ok: [200] },
    'POST /api/incidents': {
      // the grid is seen street-wide: another street's answers 404
      about: (ctx) => ({ id: w.place(ctx).grid.id, version: 0, jurisdiction: gridPlace(w, ctx, true) }),
      body: ({ ctx, target }) => newIncident(w.place(ctx).f, { location: { gridId: target!.id } }),
      // a place of the reporter's street outside their grids is refused (errors.location_outside_scope)
      refuse: (actor, target) =>
        target!.jurisdiction !== 'everyone' && canSee(actor.scope, { ...target!.jurisdiction, streetWide: false })
          ? undefined
          : 403,
      ok: [201],
    },
    'GET /api/incidents/:id': { ok: [200] },
    'POST /api/incidents/:id/reveal': { shared: true, ok: [200] },
    'POST /api/incidents/:id/photos': {
      upload: { field: 'photos', file: photo },
      refuse: (actor) =>
        hasPermission(actor.role, 'incident.report') || hasPermission(actor.role, 'incident.handle') ? undefined : 403,
      ok: [201],
    },
    'GET /api/incidents/:id/photos/:photoId': { ok: [200] },
    'GET /api/incidents/:id/photos/:photoId/thumb': { ok: [200] },
    'POST /api/incidents/:id/actions/:action': incidentWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      resource: stage(tr.from[0]!),
      roles: tr.roles,
      body: ({ ctx, target }) => ({ ...version({ target }), ...actionPayload(tr.action, targets(ctx)) }),
      ok: [200],
    })),
    'GET /api/whistles': { ok: [200] },
    'GET /api/whistles/performance': {
      query: () => ({ from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }),
      ok: [200],
    },
    'POST /api/whistles': {
      resource: stage('reported'),
      body: ({ ctx, target }) => ({
        incidentId: target!.id,
        reason: '需部门到场',
        departments: [{ departmentId: w.place(ctx).department.id }],
      }),
      ok: [201],
    },
    'GET /api/whistles/:id': { ok: [200] },
    'POST /api/whistles/:id/actions/:action': whistleWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      // confirm needs every summoned department to have reported
      resource: tr.condition === 'all_summons_reported' ? 'whistles@reported' : 'whistles',
      roles: tr.roles,
      body: ({ target }) => ({ ...version({ target }), ...WHISTLE_PAYLOADS[tr.action] }),
      ok: [200],
    })),
    'POST /api/whistles/:id/summons/:summonsId/actions/:action': summonsWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      resource: `summons@${tr.from[0]!}`,
      roles: tr.roles,
      body: ({ target }) => ({ ...version({ target }), ...SUMMONS_PAYLOADS[tr.action] }),
      ok: [200],
    })),
  };

  return {
    resources,
    cases,
    setup: async () => {
      for (const [key, r] of Object.entries(resources)) {
        if (key !== 'incidents') r.fixed = await perContext((ctx) => r.create!(ctx, w.root));
      }
      // the incidents every reader is tested on carry a photo
      resources.incidents!.fixed = await perContext(async (ctx) => {
        const i = await incidentAt(ctx, 'dispatched');
        const form = new FormData();
        const { data, type, name } = await photo();
        form.append('photos', new Blob([new Uint8Array(data)], { type }), name);
        const r = await http(w.t.url, w.root.token).post(`/api/incidents/${i.id}/photos`, form);
        const { incident } = prepared(`a photo of the ${ctx} incident`, r).body;
        return { ...i, version: incident.version, params: { photoId: incident.photos[0].id } };
      });
    },
  };
}

/**
 * Incident configuration: categories, deadline rules and the working calendar are district-wide
 * (one context: everyone reads them, `incident.configure` changes them); state labels and import
 * mappings belong to a street (`?streetId=` names it; another street's answers 404).
 */
export function incidentConfigMatrix(w: MatrixWorld): MatrixModule {
  let rules = 0;
  let days = 0;
  /** A category × severity × source no other rule has (the seeded rules leave category or source open). */
  const ruleKey = () => {
    const i = rules++;
    return {
      category: DEFAULT_INCIDENT_CATEGORIES[i % DEFAULT_INCIDENT_CATEGORIES.length]!,
      severity: SEVERITIES[Math.floor(i / DEFAULT_INCIDENT_CATEGORIES.length) % SEVERITIES.length]!,
      source: INCIDENT_SOURCES[Math.floor(i / (DEFAULT_INCIDENT_CATEGORIES.length * SEVERITIES.length))]!,
    };
  };
  const day = () => new Date(Date.UTC(2031, 0, 1 + days++)).toISOString().slice(0, 10);
  const root = () => http(w.t.url, w.root.token);
  const districtWide = (id: string, version = 1): Sample => ({ id, version, jurisdiction: 'everyone' });
  const ofStreet = (id: string) => (ctx: Ctx) => Promise.resolve({ id, version: 1, jurisdiction: streetLevel(w, ctx) });
  const street = ({ ctx }: { ctx: Ctx }) => ({ streetId: w.place(ctx).f.street.id });
  const inStreet = (actor: MatrixActor, ctx: Ctx) => canSee(actor.scope, streetLevel(w, ctx));

  const resources: Record<string, Resource> = {
    'incidents/categories': { contexts: ['own'] },
    'incidents/deadline-rules': {
      contexts: ['own'],
      create: async () => {
        const key = ruleKey();
        const r = prepared(
          'a deadline rule',
          await root().post('/api/incidents/deadline-rules', { ...key, hours: 8, calendar: 'natural' }),
        );
        return { ...districtWide(r.body.id, r.body.version), data: key };
      },
    },
    'working-calendar/overrides': {
      contexts: ['own'],
      create: async () => {
        const date = day();
        prepared('a calendar override', await root().put(`/api/working-calendar/overrides/${date}`, { workday: true }));
        return districtWide(date);
      },
    },
    'incidents/state-labels': {},
    'incidents/import/mappings': {},
  };
  const csv = (ctx: Ctx) => {
    const c = DEFAULT_HOTLINE_MAPPING.columns;
    const header = [c.ticket, c.title, c.description, c.gridCode, c.reporterPhone].join(',');
    return `${header}\n${w.unique('12345-')},楼道堆物,三楼楼道堆放杂物,${w.place(ctx).grid.code},13812345678\n`;
  };

  const cases: Record<string, RouteCase | RouteCase[]> = {
    'GET /api/incidents/categories': { ok: [200] },
    'PUT /api/incidents/categories/:code': {
      shared: true,
      body: () => ({ label: { 'zh-CN': '矩阵类别', 'en-US': 'Matrix category' } }),
      ok: [200],
    },
    'GET /api/incidents/deadline-rules': { ok: [200] },
    'POST /api/incidents/deadline-rules': { body: () => ({ ...ruleKey(), hours: 6, calendar: 'workdays' }), ok: [201] },
    'PUT /api/incidents/deadline-rules/:id': {
      body: ({ target }) => ({ ...target!.data, version: target!.version, hours: 36, calendar: 'natural' }),
      ok: [200],
    },
    'DELETE /api/incidents/deadline-rules/:id': {
      query: ({ target }) => ({ version: String(target!.version) }),
      ok: [204],
    },
    'GET /api/incidents/deadline-preview': {
      query: () => ({ category: 'noise', severity: 'medium', source: 'grid_patrol' }),
      ok: [200],
    },
    'GET /api/working-calendar/overrides': { ok: [200] },
    'PUT /api/working-calendar/overrides/:date': {
      shared: true,
      body: () => ({ workday: false, note: '补休' }),
      ok: [200],
    },
    'DELETE /api/working-calendar/overrides/:date': { ok: [204] },
    'GET /api/incidents/state-labels': { inScope: inStreet, query: street, ok: [200] },
    'PUT /api/incidents/state-labels/:state': {
      shared: true,
      query: street,
      body: () => ({ 'zh-CN': '已派发', 'en-US': 'Sent' }),
      ok: [204],
    },
    'DELETE /api/incidents/state-labels/:state': { shared: true, query: street, ok: [204] },
    'GET /api/incidents/import/mappings/:source': { query: street, ok: [200] },
    'PUT /api/incidents/import/mappings/:source': {
      shared: true,
      query: street,
      body: () => DEFAULT_HOTLINE_MAPPING,
      ok: [204],
    },
    'POST /api/incidents/import/hotline': {
      inScope: inStreet,
      query: street,
      upload: {
        field: 'file',
        file: async ({ ctx }) => ({ name: '12345.csv', type: 'text/csv', data: Buffer.from(csv(ctx)) }),
      },
      ok: [200],
    },
  };

  return {
    resources,
    cases,
    setup: async () => {
      resources['incidents/categories']!.fixed = { own: districtWide('matrix_cat') };
      for (const key of ['incidents/deadline-rules', 'working-calendar/overrides']) {
        const r = resources[key]!;
        r.fixed = await perContext((ctx) => r.create!(ctx, w.root), r.contexts);
      }
      resources['incidents/state-labels']!.fixed = await perContext(ofStreet('dispatched'));
      resources['incidents/import/mappings']!.fixed = await perContext(ofStreet('hotline_12345'));
    },
  };
}
