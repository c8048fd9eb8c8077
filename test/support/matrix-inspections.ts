import { canSee, hazardWorkflow, type HazardState, type Jurisdiction } from '@gridboard/shared';
import { http } from './http';
import { inspectionFixture, type InspectionPlace, matrixCampaign, matrixRecord, testImage } from './inspections';
import {
  type Cell,
  CONTEXTS,
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

type Fixture = Awaited<ReturnType<typeof inspectionFixture>>;
type Hazard = { id: string; version: number };

/**
 * Safety inspections and hazards in the matrix (issue 8). Each context has a checklist, a site of
 * its grid, a campaign over it joined by the context's department, and a record there that found a
 * hazard. Records and hazards belong to the site's grid and the campaign's departments; checklists,
 * campaigns and the inspection intervals are street-wide (a campaign also to its departments).
 * Every hazard action is tried on a hazard in the state it starts from; closing one needs a
 * re-inspection by someone other than the finder, with a photo, made after the rectification.
 */
export function inspectionsMatrix(w: MatrixWorld): MatrixModule {
  const root = () => http(w.t.url, w.root.token);
  const fixtures = {} as Record<Ctx, Fixture>;
  const placeOf = (ctx: Ctx): InspectionPlace => {
    const p = w.place(ctx);
    return { streetId: p.f.street.id, grid: p.grid, departmentId: p.department.id };
  };
  /** Where a record or hazard of the context belongs: its grid, and the campaign's department. */
  const inGrid = (ctx: Ctx): Jurisdiction => ({ ...gridPlace(w, ctx), departmentIds: [w.place(ctx).department.id] });
  const campaignOf = (ctx: Ctx): Jurisdiction => ({
    ...streetLevel(w, ctx),
    departmentIds: [w.place(ctx).department.id],
  });
  /** Writes naming a street (checklists, campaigns, intervals): the caller's own, or any for the district. */
  const inStreet = (actor: MatrixActor, ctx: Ctx) => canSee(actor.scope, streetLevel(w, ctx, false));
  const streetOfCtx = ({ ctx }: Cell) => ({ streetId: w.place(ctx).f.street.id });

  const photoOf = async (token: string) => {
    const form = new FormData();
    form.append('photos', new Blob([new Uint8Array(await testImage())], { type: 'image/jpeg' }), 'p.jpg');
    return prepared('a photo', await http(w.t.url, token).post('/api/inspections/photos', form)).body.photos[0]
      .id as string;
  };
  const act = async (h: Hazard, action: string, body: Record<string, unknown>): Promise<Hazard> =>
    prepared(
      `hazard ${action}`,
      await root().post(`/api/hazards/${h.id}/actions/${action}`, { version: h.version, ...body }),
    ).body.hazard;
  const sample = (h: Hazard, ctx: Ctx, data?: Record<string, unknown>): Sample => ({
    id: h.id,
    version: h.version,
    jurisdiction: inGrid(ctx),
    ...(data ? { data } : {}),
  });
  /** A fresh hazard of the context (found by the root) in `state`. */
  const hazardAt = (state: HazardState | 'extension') => async (ctx: Ctx) => {
    let h: Hazard = (await fixtures[ctx].found()).hazard;
    if (state === 'extension') {
      h = await act(h, 'request_extension', { until: '2099-12-31', reason: '需采购设备' });
      return sample(h, ctx);
    }
    if (state !== 'awaiting_recheck') return sample(h, ctx);
    h = await act(h, 'submit_rectification', { note: '已整改' });
    // the re-inspection: another user of the grid, with a photo, after the rectification
    const inspector = await w.helper('grid_worker', ctx);
    const f = fixtures[ctx];
    const recheck = await http(w.t.url, inspector.token).post('/api/inspections/records', {
      ...matrixRecord(f.template, f.site.id, f.campaign.id),
      photoIds: [await photoOf(inspector.token)],
    });
    return sample(h, ctx, { recordId: prepared('a re-inspection', recheck).body.record.id });
  };
  const template = async (ctx: Ctx): Promise<Sample> => {
    const r = await root().post('/api/inspections/templates', {
      streetId: w.place(ctx).f.street.id,
      name: w.unique('矩阵检查表'),
      items: [{ label: '合格', kind: 'yes_no' }],
    });
    const t = prepared(`a checklist in ${ctx}`, r).body;
    return { id: t.id, version: t.version, jurisdiction: streetLevel(w, ctx) };
  };
  const campaign = async (ctx: Ctx): Promise<Sample> => {
    const c = await matrixCampaign(w.t, w.root, placeOf(ctx), fixtures[ctx].template.id);
    return { id: c.id, version: c.version, jurisdiction: campaignOf(ctx) };
  };

  const resources: Record<string, Resource> = {
    'inspections/templates': { create: template, itemJurisdiction: streetWideItem },
    'inspections/templates/versions': {},
    'inspections/campaigns': {
      create: campaign,
      itemJurisdiction: (i) => ({ ...streetWideItem(i)!, departmentIds: i.departmentIds as string[] }),
    },
    'inspections/records': {},
    'inspections/photos': {},
    hazards: { create: hazardAt('open') },
    'hazards@awaiting_recheck': { create: hazardAt('awaiting_recheck') },
    'hazards@extension': { create: hazardAt('extension') },
  };

  const version = ({ target }: Cell) => ({ version: target!.version });
  const HAZARD_BODIES: Record<string, (cell: Cell) => Record<string, unknown>> = {
    start_rectification: (c) => ({ ...version(c), note: '开始整改' }),
    submit_rectification: (c) => ({ ...version(c), note: '已整改' }),
    recheck_pass: (c) => ({ ...version(c), recordId: c.target!.data!.recordId }),
    recheck_fail: (c) => ({ ...version(c), note: '仍有隐患' }),
    request_extension: (c) => ({ ...version(c), until: '2099-12-31', reason: '需采购设备' }),
    approve_extension: version,
    reject_extension: (c) => ({ ...version(c), note: '不予延期' }),
    supervise: (c) => ({ ...version(c), note: '请加快整改' }),
  };
  const RESOURCE_OF: Record<string, string> = {
    recheck_pass: 'hazards@awaiting_recheck',
    recheck_fail: 'hazards@awaiting_recheck',
    approve_extension: 'hazards@extension',
    reject_extension: 'hazards@extension',
  };

  const cases: Record<string, RouteCase | RouteCase[]> = {
    'GET /api/inspections/templates': { ok: [200] },
    'POST /api/inspections/templates': {
      inScope: inStreet,
      body: (cell) => ({
        ...streetOfCtx(cell),
        name: w.unique('矩阵新表'),
        items: [{ label: '合格', kind: 'yes_no' }],
      }),
      ok: [201],
    },
    'GET /api/inspections/templates/versions/:versionId': { ok: [200] },
    'GET /api/inspections/templates/:id': { ok: [200] },
    'GET /api/inspections/templates/:id/versions': { ok: [200] },
    'PUT /api/inspections/templates/:id': { body: (c) => ({ ...version(c), name: w.unique('改名') }), ok: [200] },
    'GET /api/inspections/campaigns': { ok: [200] },
    'POST /api/inspections/campaigns': {
      inScope: inStreet,
      body: (cell) => ({
        ...streetOfCtx(cell),
        name: w.unique('矩阵新行动'),
        type: 'gas',
        startsOn: '2000-01-01',
        endsOn: '2099-12-31',
        templateId: fixtures[cell.ctx].template.id,
      }),
      ok: [201],
    },
    'GET /api/inspections/campaigns/:id': { ok: [200] },
    'GET /api/inspections/campaigns/:id/progress': { ok: [200] },
    'PATCH /api/inspections/campaigns/:id': { body: (c) => ({ ...version(c), name: w.unique('改名') }), ok: [200] },
    'GET /api/inspections/records': { ok: [200] },
    'POST /api/inspections/records': {
      about: (ctx) => ({ id: '', version: 0, jurisdiction: inGrid(ctx) }),
      body: ({ ctx }) => matrixRecord(fixtures[ctx].template, fixtures[ctx].site.id, fixtures[ctx].campaign.id),
      ok: [201],
    },
    'GET /api/inspections/records/:id': { ok: [200] },
    'GET /api/inspections/records.xlsx': { ok: [200] },
    'GET /api/hazards.xlsx': { ok: [200] },
    'GET /api/inspections/summary': { ok: [200] },
    'GET /api/inspections/summary.xlsx': { ok: [200] },
    'POST /api/inspections/photos': {
      upload: {
        field: 'photos',
        file: async () => ({ name: 'p.jpg', type: 'image/jpeg', data: await testImage() }),
      },
      ok: [201],
    },
    'GET /api/inspections/photos/:id': { ok: [200] },
    'GET /api/inspections/photos/:id/thumb': { ok: [200] },
    'GET /api/inspections/intervals': {
      // everyone on the street reads its intervals; another street's answer 404
      inScope: (actor, ctx) => canSee(actor.scope, streetLevel(w, ctx)),
      query: streetOfCtx,
      ok: [200],
    },
    'PUT /api/inspections/intervals': {
      inScope: inStreet,
      // one settings row per street, versioned: one write at a time, each with the version it read
      serial: true,
      body: async (cell) => {
        const cur = await root().get(`/api/inspections/intervals?streetId=${streetOfCtx(cell).streetId}`);
        return {
          ...streetOfCtx(cell),
          intervalMonths: { A: 1, B: 2, C: 6 },
          version: prepared('intervals', cur).body.version,
        };
      },
      ok: [200],
    },
    'GET /api/inspections/due': { ok: [200] },
    'GET /api/inspections/sites-status': { ok: [200] },
    'GET /api/hazards': { ok: [200] },
    'GET /api/hazards/counts': { ok: [200] },
    'POST /api/hazards': {
      about: (ctx) => ({ id: '', version: 0, jurisdiction: inGrid(ctx) }),
      body: ({ ctx }) => ({
        recordId: fixtures[ctx].record.id,
        itemKey: null,
        description: '矩阵补登，联系 13912345678',
      }),
      ok: [201],
    },
    'GET /api/hazards/:id': { ok: [200] },
    'POST /api/hazards/:id/reveal': { shared: true, ok: [200] },
    'POST /api/hazards/:id/actions/:action': hazardWorkflow.transitions.map((tr) => ({
      label: tr.action,
      params: { action: tr.action },
      resource: RESOURCE_OF[tr.action] ?? 'hazards',
      roles: tr.roles,
      body: HAZARD_BODIES[tr.action],
      ok: [200],
    })),
  };

  return {
    resources,
    cases,
    setup: async () => {
      for (const ctx of CONTEXTS) fixtures[ctx] = await inspectionFixture(w.t, w.root, placeOf(ctx));
      const fixed = (f: (ctx: Ctx) => Sample | Promise<Sample>) => perContext(async (ctx) => f(ctx));
      resources['inspections/templates']!.fixed = await fixed((ctx) => ({
        id: fixtures[ctx].template.id,
        version: fixtures[ctx].template.version,
        jurisdiction: streetLevel(w, ctx),
      }));
      resources['inspections/templates/versions']!.fixed = await fixed((ctx) => ({
        id: fixtures[ctx].template.currentVersion.id,
        version: 1,
        jurisdiction: streetLevel(w, ctx),
      }));
      resources['inspections/campaigns']!.fixed = await fixed((ctx) => ({
        id: fixtures[ctx].campaign.id,
        version: fixtures[ctx].campaign.version,
        jurisdiction: campaignOf(ctx),
      }));
      resources.hazards!.fixed = await fixed((ctx) => sample(fixtures[ctx].hazard, ctx));
      for (const key of ['hazards@awaiting_recheck', 'hazards@extension']) {
        resources[key]!.fixed = await perContext((ctx) => resources[key]!.create!(ctx, w.root));
      }
      // a record with a photo: the photo is seen by whoever sees the record
      const withPhoto = await fixed(async (ctx) => {
        const f = fixtures[ctx];
        const photoId = await photoOf(w.root.token);
        const r = await root().post('/api/inspections/records', {
          ...matrixRecord(f.template, f.site.id, f.campaign.id),
          photoIds: [photoId],
        });
        return {
          id: prepared(`a record in ${ctx}`, r).body.record.id,
          version: 1,
          jurisdiction: inGrid(ctx),
          data: { photoId },
        };
      });
      resources['inspections/records']!.fixed = withPhoto;
      resources['inspections/photos']!.fixed = await fixed((ctx) => ({
        ...withPhoto[ctx]!,
        id: withPhoto[ctx]!.data!.photoId as string,
      }));
    },
  };
}
