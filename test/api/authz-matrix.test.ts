import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  canSee,
  CLIENT_MESSAGES,
  type ClientMessage,
  hasPermission,
  type Jurisdiction,
  type Role,
  ROLE_SCOPE_KINDS,
  ROLES,
  type Scope,
  type ScopeKind,
} from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { DISTRICT_STREET_ID, userJurisdiction } from '@gridboard/server/auth/user-dto';
import { Commands } from '@gridboard/server/command/commands';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { ItemLocator } from '@gridboard/server/realtime/item-presence.registry';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD } from '../support/factories';
import { http, type HttpResult } from '../support/http';
import { inspectionFixture, matrixCampaign, matrixRecord } from '../support/inspections';
import { unmaskedPii } from '../support/pii';
import { type DiscoveredRoute, discoverRoutes, mountedRoutes, routesWithoutPolicy } from '../support/routes';
import { BoardClient } from '../support/socket';

/**
 * The authorization matrix (issue 3): every HTTP route Nest has, and every socket message, against every
 * role × {own jurisdiction, sibling jurisdiction, other street}. Expectations are derived, not listed:
 * the route's declared policy gives the permission, ROLE_PERMISSIONS says who holds it (403 otherwise),
 * canSee says whether the object is in the caller's jurisdiction (404 otherwise). Routes added later are
 * covered automatically; the tables below only supply what cannot be derived: sample objects behind a
 * path parameter (RESOURCES) and request bodies that make a write succeed (CASES). A route with no
 * entry still gets the 401/403 checks and "allowed: neither 401 nor 403 nor 5xx".
 */

type Ctx = 'own' | 'sibling' | 'other';
const CONTEXTS: readonly Ctx[] = ['own', 'sibling', 'other'];

interface MatrixActor {
  label: string;
  role: Role;
  scope: Scope;
  token: string;
}

/** An object behind a path parameter, in a context; `jurisdiction` decides who may see it. */
interface Sample {
  id: string;
  version: number;
  jurisdiction: Jurisdiction;
}

interface Cell {
  route: DiscoveredRoute;
  actor: MatrixActor | null;
  ctx: Ctx;
  target: Sample | null;
}

interface Resource {
  /** A fresh object in the context, for writes (reads use `fixed`). */
  create?: (ctx: Ctx) => Promise<Sample>;
  /** Created once per context; lists must show exactly those the caller may see. */
  fixed?: Record<Ctx, Sample>;
  /** Where a listed item belongs, when its fields alone do not say (default: `itemJurisdiction`). */
  itemJurisdiction?: (item: Record<string, unknown>) => Jurisdiction | null;
}

interface RouteCase {
  body?: (cell: Cell) => unknown;
  /** Statuses of an allowed, in-scope call. */
  ok: number[];
  /** For routes whose object is in the body (creates): is the call in the caller's jurisdiction? */
  inScope?: (actor: MatrixActor, ctx: Ctx) => boolean;
  /** Status of an allowed call on an object outside the jurisdiction (default 404). */
  outOfScope?: number;
  /** The route changes its caller (own password): act as a throwaway user of the same role and scope. */
  freshActor?: boolean;
}

describe('authorization matrix', () => {
  // Every route × role × context, one request each: minutes on two shared cores, growing with every module.
  jest.setTimeout(10 * 60_000);
  let t: TestApp;
  let a: StreetFixture;
  let b: StreetFixture;
  let routes: DiscoveredRoute[];
  const actors: MatrixActor[] = [];
  let n = 0;
  const unique = (p: string) => `${p}${++n}`;

  /** own: community 1 / grid 1 / fire of street A; sibling: community 2 / grid 3 / water of A; other: street B. */
  const place = (ctx: Ctx) => {
    const f = ctx === 'other' ? b : a;
    const i = ctx === 'sibling' ? 1 : 0;
    return { f, community: f.communities[i]!, grid: f.grids[i * 2]!, department: f.departments[i]! };
  };
  const jurisdiction = (ctx: Ctx): Jurisdiction => {
    const p = place(ctx);
    return {
      streetId: p.f.street.id,
      communityId: p.community.id,
      gridId: p.grid.id,
      departmentIds: [p.department.id],
      streetWide: false,
    };
  };
  const scopeOf = (kind: ScopeKind): Scope => {
    const own = place('own');
    const streetId = a.street.id;
    switch (kind) {
      case 'district':
        return { kind };
      case 'street':
        return { kind, streetId };
      case 'communities':
        return { kind, streetId, communityIds: [own.community.id] };
      case 'grids':
        return { kind, streetId, gridIds: [own.grid.id] };
      case 'department':
        return { kind, streetId, departmentId: own.department.id };
    }
  };

  const newUserIn = async (ctx: Ctx): Promise<Sample> => {
    const p = place(ctx);
    const { user } = await createUser(t, unique('target'), 'grid_worker', {
      kind: 'grids',
      streetId: p.f.street.id,
      gridIds: [p.grid.id],
    });
    await t.app.get(DataSource).query("UPDATE app_user SET phone = '13812345678' WHERE id = $1", [user.id]);
    return { id: user.id, version: user.version, jurisdiction: userJurisdiction(user) };
  };
  const streetOnly = (ctx: Ctx): Jurisdiction => userJurisdiction({ streetId: place(ctx).f.street.id });

  /** The objects behind path parameters, by the route's first path segment. */
  const RESOURCES: Record<string, Resource> = {
    users: { create: newUserIn },
    audit: {},
    // The street's frame (its communities, grids, departments) is shown to everyone working on it.
    'geo/streets': { itemJurisdiction: (i) => streetWide({ streetId: i.id }) },
    'geo/communities': { itemJurisdiction: streetWide },
    'geo/grids': { itemJurisdiction: streetWide },
    'geo/departments': { itemJurisdiction: streetWide },
    // Safety inspections (issue 8): records and hazards in the grid + the campaign's department;
    // checklists and campaigns street-wide. Samples come from `inspections` below.
    hazards: { create: async (ctx) => hazardSample(ctx, (await inspections[ctx].found()).hazard) },
    'inspections/records': {},
    'inspections/templates': {
      itemJurisdiction: streetWide,
      create: async (ctx) => {
        const admin = actors.find((x) => x.scope.kind === 'district')!;
        const tpl = (await inspectionFixture(t, admin, inspectionPlace(ctx))).template;
        return { id: tpl.id, version: tpl.version, jurisdiction: streetWideIn(ctx) };
      },
    },
    'inspections/campaigns': {
      itemJurisdiction: streetWide,
      create: async (ctx) => {
        const admin = actors.find((x) => x.scope.kind === 'district')!;
        const c = await matrixCampaign(t, admin, inspectionPlace(ctx), inspections[ctx].template.id);
        return { id: c.id, version: c.version, jurisdiction: { ...streetWideIn(ctx), departmentIds: c.departmentIds } };
      },
    },
  };

  /** What cannot be derived: bodies that make a write succeed, and the statuses to expect. */
  const CASES: Record<string, RouteCase> = {
    'POST /api/auth/login': {
      ok: [200],
      body: async () => {
        const { user } = await createUser(t, unique('login'), 'display', { kind: 'street', streetId: a.street.id });
        return { username: user.username, password: TEST_PASSWORD };
      },
    },
    'POST /api/auth/refresh': {
      ok: [200],
      body: async () => ({ refreshToken: (await freshSession()).refreshToken }),
    },
    'POST /api/auth/logout': {
      ok: [204],
      body: async () => ({ refreshToken: (await freshSession()).refreshToken }),
    },
    'GET /api/auth/me': { ok: [200] },
    'POST /api/auth/password': {
      ok: [200],
      freshActor: true,
      body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'Matrix#Pass2026' }),
    },
    'GET /api/health': { ok: [200] },
    'GET /api/audit': { ok: [200] },
    'GET /api/users': { ok: [200] },
    'POST /api/users': {
      ok: [201],
      outOfScope: 400, // a scope naming a street the caller does not administer is a bad field
      inScope: (actor, ctx) => canSee(actor.scope, streetOnly(ctx)),
      body: ({ ctx }) => ({
        username: unique('created'),
        displayName: '矩阵用户',
        role: 'grid_worker',
        scope: { kind: 'grids', streetId: place(ctx).f.street.id, gridIds: [place(ctx).grid.id] },
        password: 'Matrix#Pass2026',
      }),
    },
    'GET /api/users/:id': { ok: [200] },
    'PATCH /api/users/:id': { ok: [200], body: ({ target }) => ({ version: target!.version, displayName: '改名' }) },
    'POST /api/users/:id/password': { ok: [200], body: () => ({ password: 'Matrix#Reset2026' }) },
    'POST /api/users/:id/disable': { ok: [200] },
    'POST /api/users/:id/enable': { ok: [200] },
    'POST /api/users/:id/reveal': { ok: [200] },
    'POST /api/inspections/records': {
      ok: [201],
      inScope: (actor, ctx) => canSee(actor.scope, jurisdiction(ctx)),
      body: ({ ctx }) => {
        const f = inspections[ctx];
        return matrixRecord(f.template, f.site.id, f.campaign.id);
      },
    },
    'POST /api/hazards': {
      ok: [201],
      inScope: (actor, ctx) => canSee(actor.scope, jurisdiction(ctx)),
      body: ({ ctx }) => ({ recordId: inspections[ctx].record.id, itemKey: null, description: '矩阵补登' }),
    },
    'POST /api/inspections/templates': {
      ok: [201],
      body: () => ({ streetId: a.street.id, name: '矩阵新表', items: [{ label: '合格', kind: 'yes_no' }] }),
    },
    'POST /api/inspections/campaigns': {
      ok: [201],
      body: () => ({
        streetId: a.street.id,
        name: '矩阵新行动',
        type: 'gas',
        startsOn: '2000-01-01',
        endsOn: '2099-12-31',
        templateId: inspections.own.template.id,
      }),
    },
    'PUT /api/inspections/templates/:id': {
      ok: [200],
      body: ({ target }) => ({ version: target!.version, name: '改名' }),
    },
    'PATCH /api/inspections/campaigns/:id': {
      ok: [200],
      body: ({ target }) => ({ version: target!.version, name: '改名' }),
    },
    'GET /api/hazards/:id': { ok: [200] },
    'POST /api/hazards/:id/reveal': { ok: [200] },
    'GET /api/inspections/records/:id': { ok: [200] },
    'GET /api/inspections/campaigns/:id/progress': { ok: [200] },
  };

  const freshSession = async () => {
    const { user } = await createUser(t, unique('session'), 'display', { kind: 'street', streetId: a.street.id });
    return login(t, user.username, TEST_PASSWORD);
  };

  beforeAll(async () => {
    t = await startApp();
    a = await createStreet(t, 'MA');
    b = await createStreet(t, 'MB', 115);
    for (const role of ROLES) {
      // Administrators are tested street-scoped here and district-wide below.
      const kind = ROLE_SCOPE_KINDS[role].includes('street') ? 'street' : ROLE_SCOPE_KINDS[role][0]!;
      const scope = scopeOf(kind);
      actors.push({ label: role, role, scope, token: (await createUser(t, `m-${role}`, role, scope)).token });
    }
    const district = scopeOf('district');
    actors.push({
      label: 'admin (district)',
      role: 'admin',
      scope: district,
      token: (await createUser(t, 'm-admin-district', 'admin', district)).token,
    });
    RESOURCES.users!.fixed = {
      own: await newUserIn('own'),
      sibling: await newUserIn('sibling'),
      other: await newUserIn('other'),
    };
    // Audit rows on each street, carrying personal data the search must mask.
    const fixedAudit = {} as Record<Ctx, Sample>;
    for (const ctx of CONTEXTS) {
      const objectId = unique('household-');
      await t.app.get(Commands).run(SYSTEM_ACTOR, async (c) => {
        c.audit({
          action: 'household.update',
          objectType: 'household',
          objectId,
          before: { name: '张三丰', phone: '13912345678', idNumber: '420102199001011234' },
          after: { note: '电话 13912345678' },
          streetId: place(ctx).f.street.id,
        });
      });
      const [row] = await t.app.get(DataSource).query('SELECT id FROM audit_log WHERE object_id = $1', [objectId]);
      fixedAudit[ctx] = { id: String(row.id), version: 1, jurisdiction: streetOnly(ctx) };
    }
    RESOURCES.audit!.fixed = fixedAudit;
    routes = discoverRoutes(t.app);
  });
  afterAll(() => t.close());

  // Safety inspections: one fixture per context (checklist, site, campaign with the context's department, record, hazard).
  type InspectionFixture = Awaited<ReturnType<typeof inspectionFixture>>;
  const inspections = {} as Record<Ctx, InspectionFixture>;
  const inspectionPlace = (ctx: Ctx) => ({
    streetId: place(ctx).f.street.id,
    grid: place(ctx).grid,
    departmentId: place(ctx).department.id,
  });
  const streetWideIn = (ctx: Ctx): Jurisdiction => ({
    ...jurisdiction(ctx),
    communityId: null,
    gridId: null,
    departmentIds: [],
    streetWide: true,
  });
  const hazardSample = (ctx: Ctx, h: { id: string; version: number }): Sample => ({
    id: h.id,
    version: h.version,
    jurisdiction: jurisdiction(ctx),
  });
  beforeAll(async () => {
    const admin = actors.find((x) => x.scope.kind === 'district')!;
    for (const ctx of CONTEXTS) inspections[ctx] = await inspectionFixture(t, admin, inspectionPlace(ctx));
    const fixed = (f: (ctx: Ctx) => Sample) =>
      Object.fromEntries(CONTEXTS.map((ctx) => [ctx, f(ctx)])) as Record<Ctx, Sample>;
    RESOURCES.hazards!.fixed = fixed((ctx) => hazardSample(ctx, inspections[ctx].hazard));
    RESOURCES['inspections/records']!.fixed = fixed((ctx) => ({
      id: inspections[ctx].record.id,
      version: 1,
      jurisdiction: jurisdiction(ctx),
    }));
    RESOURCES['inspections/templates']!.fixed = fixed((ctx) => ({
      id: inspections[ctx].template.id,
      version: inspections[ctx].template.version,
      jurisdiction: streetWideIn(ctx),
    }));
    RESOURCES['inspections/campaigns']!.fixed = fixed((ctx) => ({
      id: inspections[ctx].campaign.id,
      version: inspections[ctx].campaign.version,
      jurisdiction: { ...streetWideIn(ctx), departmentIds: inspections[ctx].campaign.departmentIds },
    }));
  });

  /** Reads share the fixed samples; each write gets a fresh object, so cells do not disturb each other. */
  const sampleFor = async (resource: Resource, route: DiscoveredRoute, ctx: Ctx): Promise<Sample> => {
    if (route.method !== 'GET' && resource.create) return resource.create(ctx);
    if (resource.fixed) return resource.fixed[ctx];
    throw new Error(`no sample for ${route.method} ${route.path}: add one to RESOURCES`);
  };
  const keyOf = (r: DiscoveredRoute) => `${r.method} ${r.path}`;
  /** The path up to its first parameter, without /api: `users`, `geo/grids`, `incidents`. */
  const resourceOf = (r: DiscoveredRoute) => r.path.replace(/^\/api\//, '').split('/:')[0]!;
  const hasParams = (r: DiscoveredRoute) => r.path.includes('/:');

  /** Calls the cell's route; `withBody` false sends an empty body (the guard decides before validation). */
  async function send(cell: Cell, token: string | undefined, withBody = true): Promise<HttpResult> {
    const { route } = cell;
    const path = route.path.replace(/:\w+/g, () => cell.target?.id ?? randomUUID());
    const api = http(t.url, token);
    const body = (withBody ? await CASES[keyOf(route)]?.body?.(cell) : undefined) ?? {};
    switch (route.method) {
      case 'GET':
        return api.get(hasParams(route) ? path : `${path}?limit=10000`);
      case 'POST':
        return api.post(path, body);
      case 'PUT':
        return api.put(path, body);
      case 'PATCH':
        return api.patch(path, body);
      case 'DELETE':
        return api.delete(path);
      default:
        throw new Error(`no way to call ${route.method} ${route.path}`);
    }
  }

  it('discovers every route from Nest itself, and every route declares a policy', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
    expect(routes.map(keyOf)).toEqual(expect.arrayContaining(Object.keys(CASES)));
    expect(routesWithoutPolicy(routes)).toEqual([]);
    // What Express serves is what Nest declared, plus the OpenAPI documents (public by design).
    const declared = new Set(routes.map(keyOf));
    const outsideNest = mountedRoutes(t.app).filter((r) => !declared.has(r));
    expect(outsideNest.filter((r) => !/^GET \/api\/docs/.test(r))).toEqual([]);
    expect(routes.map(keyOf).filter((r) => !mountedRoutes(t.app).includes(r))).toEqual([]);
  });

  it('would catch a route without a policy', async () => {
    @Controller('canary')
    class CanaryController {
      @Get()
      open(): string {
        return 'no policy declared';
      }
    }
    @Module({ controllers: [CanaryController] })
    class CanaryModule {}
    const app = await NestFactory.create(CanaryModule, { logger: false });
    app.setGlobalPrefix('api');
    await app.init();
    try {
      expect(routesWithoutPolicy(discoverRoutes(app))).toEqual(['GET /api/canary (CanaryController.open)']);
    } finally {
      await app.close();
    }
  });

  it('answers 401 on every non-public route without a token or with a bad one', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.policy && r.policy.kind !== 'public')) {
      const cell: Cell = { route, actor: null, ctx: 'own', target: null };
      for (const [token, code] of [
        [undefined, 'errors.unauthorized'],
        ['not-a-token', 'errors.token_invalid'],
      ] as const) {
        const res = await send(cell, token, false);
        if (res.status !== 401 || res.body?.code !== code) {
          failures.push(`${keyOf(route)} with token ${String(token)}: ${res.status} ${res.body?.code}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every role × jurisdiction as ROLE_PERMISSIONS and canSee say', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const policy = route.policy;
      const rc = CASES[keyOf(route)];
      const known = hasParams(route) ? RESOURCES[resourceOf(route)] : undefined;
      // Only resources with sample objects can be tested per jurisdiction; others get 400|404 on a random id.
      const resource = known?.fixed || known?.create ? known : undefined;
      if (!policy) {
        failures.push(`${keyOf(route)} declares no policy`);
        continue;
      }
      if (policy.kind === 'public') {
        const res = await send({ route, actor: null, ctx: 'own', target: null }, undefined);
        cells++;
        const ok = rc ? rc.ok.includes(res.status) : res.status < 500 && ![401, 403].includes(res.status);
        if (!ok) failures.push(`${keyOf(route)} (public): ${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      const contexts = resource || rc?.inScope ? CONTEXTS : (['own'] as const);
      for (const actor of actors) {
        for (const ctx of contexts) {
          const target = resource ? await sampleFor(resource, route, ctx) : null;
          const caller = rc?.freshActor
            ? { ...actor, token: (await createUser(t, unique('fresh'), actor.role, actor.scope)).token }
            : actor;
          const res = await send({ route, actor: caller, ctx, target }, caller.token);
          cells++;
          const permitted = policy.kind === 'authenticated' || hasPermission(actor.role, policy.permission);
          const visible = target ? canSee(actor.scope, target.jurisdiction) : (rc?.inScope?.(actor, ctx) ?? true);
          const expected = !permitted
            ? [403]
            : !visible
              ? [rc?.outOfScope ?? 404]
              : (rc?.ok ?? (hasParams(route) && !resource ? [400, 404] : null));
          const ok = expected ? expected.includes(res.status) : res.status < 500 && ![401, 403].includes(res.status);
          if (!ok) {
            failures.push(
              `${keyOf(route)} as ${actor.label} on ${ctx}: ${res.status}, expected ${expected?.join('|') ?? 'allowed'} ${res.body?.code ?? ''}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(routes.length * actors.length);
  });

  it('lists only in-scope rows for every role, and never an unmasked phone or ID number', async () => {
    const failures: string[] = [];
    let rowsChecked = 0;
    const lists = routes.filter((r) => r.method === 'GET' && !hasParams(r) && r.policy?.kind !== 'public');
    for (const route of lists) {
      const policy = route.policy;
      if (!policy) continue; // reported by the first test
      const { fixed, itemJurisdiction: locate = itemJurisdiction } = RESOURCES[resourceOf(route)] ?? {};
      for (const actor of actors) {
        if (policy.kind === 'permission' && !hasPermission(actor.role, policy.permission)) continue;
        const res = await send({ route, actor, ctx: 'own', target: null }, actor.token);
        const where = `${keyOf(route)} as ${actor.label}`;
        const leaks = unmaskedPii(res.body);
        if (leaks.length) failures.push(`${where}: unmasked ${leaks.join(', ')}`);
        if (!res.body || !Array.isArray(res.body.items)) continue; // not a list
        if (typeof res.body.total !== 'number' || typeof res.body.seq !== 'number') {
          failures.push(`${where}: a list must answer {items, total, seq}`);
        }
        for (const item of res.body.items as Record<string, unknown>[]) {
          const j = locate(item);
          rowsChecked++;
          if (!j) failures.push(`${where}: cannot tell the jurisdiction of ${JSON.stringify(item).slice(0, 80)}`);
          else if (!canSee(actor.scope, j)) failures.push(`${where}: out-of-scope row ${String(item.id)}`);
        }
        if (fixed) {
          const ids = new Set(res.body.items.map((i: { id: string }) => i.id));
          for (const ctx of CONTEXTS) {
            if (ids.has(fixed[ctx].id) !== canSee(actor.scope, fixed[ctx].jurisdiction)) {
              failures.push(`${where}: the ${ctx} sample is ${ids.has(fixed[ctx].id) ? 'shown' : 'missing'}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(lists.map(keyOf)).toEqual(expect.arrayContaining(['GET /api/users', 'GET /api/audit']));
    expect(rowsChecked).toBeGreaterThan(0);
  });

  describe('socket messages', () => {
    const clients: BoardClient[] = [];
    const ITEM = 'matrix-item';
    let before = 0;
    let viewer: BoardClient;

    beforeAll(async () => {
      t.app
        .get(ItemLocator)
        .register(ITEM, async (id) => (CONTEXTS.includes(id as Ctx) ? jurisdiction(id as Ctx) : null));
      before = await t.app.get(EventLogRepository).head();
      for (const ctx of CONTEXTS) {
        await t.app.get(Commands).run(SYSTEM_ACTOR, async (c) => {
          c.emit(
            'geo.changed',
            { entity: 'matrix', id: randomUUID(), op: 'updated', data: { matrix: ctx } },
            jurisdiction(ctx),
          );
        });
      }
      // Someone views every item, so a leak of who is viewing would show.
      const root = actors.find((x) => x.scope.kind === 'district')!;
      viewer = new BoardClient(t.url, root.token, { autoSync: false });
      clients.push(viewer);
      await viewer.connected();
      for (const ctx of CONTEXTS) {
        expect((await viewer.send('presence.set', { itemType: ITEM, itemId: ctx, mode: 'viewing' })).ok).toBe(true);
      }
    });
    afterAll(() => clients.forEach((c) => c.close()));

    /** One check per client message; a new message without a case here fails the test below. */
    const SOCKET_CASES: Record<ClientMessage, (c: BoardClient, actor: MatrixActor) => Promise<string[]>> = {
      sync: async (c, actor) => {
        const ack = await c.send('sync', { since: before });
        const got = c.events
          .map((e) => (e.payload as { data?: { matrix?: Ctx } }).data?.matrix)
          .filter((m): m is Ctx => m !== undefined);
        const want = CONTEXTS.filter((ctx) => canSee(actor.scope, jurisdiction(ctx)));
        return ack.ok && JSON.stringify(got) === JSON.stringify(want)
          ? []
          : [`sync: ack ${JSON.stringify(ack)}, replayed ${got.join(',')}, expected ${want.join(',')}`];
      },
      'presence.set': async (c, actor) => {
        const out: string[] = [];
        for (const ctx of CONTEXTS) {
          const ack = await c.send('presence.set', { itemType: ITEM, itemId: ctx, mode: 'viewing' });
          const want = canSee(actor.scope, jurisdiction(ctx));
          if (want ? !ack.ok : ack.ok || ack.code !== 'errors.not_found') {
            out.push(`presence.set on ${ctx}: ${JSON.stringify(ack)}`);
          }
        }
        return out;
      },
      'presence.clear': async (c, actor) => {
        const out: string[] = [];
        for (const ctx of CONTEXTS) {
          const ack = await c.send('presence.clear', { itemType: ITEM, itemId: ctx });
          const viewers = ack.ok ? (ack.data.users as unknown[]).length : 0;
          if (!canSee(actor.scope, jurisdiction(ctx)) && viewers > 0)
            out.push(`presence.clear on ${ctx} reveals viewers`);
          if (canSee(actor.scope, jurisdiction(ctx)) && !ack.ok)
            out.push(`presence.clear on ${ctx}: ${JSON.stringify(ack)}`);
        }
        return out;
      },
    };

    it('refuses a handshake without a valid token', async () => {
      for (const [token, code] of [
        ['', /errors\.unauthorized/],
        ['not-a-token', /errors\.unauthorized/],
      ] as const) {
        const c = new BoardClient(t.url, token, { autoSync: false });
        clients.push(c);
        await expect(c.connected()).rejects.toThrow(code);
      }
    });

    it('answers every client message, for every role × jurisdiction, as canSee says', async () => {
      expect(Object.keys(CLIENT_MESSAGES).sort()).toEqual(Object.keys(SOCKET_CASES).sort());
      const failures: string[] = [];
      for (const actor of actors) {
        const c = new BoardClient(t.url, actor.token, { autoSync: false });
        clients.push(c);
        await c.connected();
        for (const name of Object.keys(CLIENT_MESSAGES) as ClientMessage[]) {
          for (const f of await SOCKET_CASES[name](c, actor)) failures.push(`${actor.label}: ${f}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});

function streetWide(item: Record<string, unknown>): Jurisdiction | null {
  const j = itemJurisdiction(item);
  return j && { ...j, streetWide: true };
}

/** Where a listed row belongs, from the fields list items carry (a null street: district-wide only). */
function itemJurisdiction(item: Record<string, unknown>): Jurisdiction | null {
  if (!('streetId' in item)) return null;
  return {
    streetId: (item.streetId as string | null) ?? DISTRICT_STREET_ID,
    communityId: (item.communityId as string | null | undefined) ?? null,
    gridId: (item.gridId as string | null | undefined) ?? null,
    departmentIds: (item.departmentIds as string[] | undefined) ?? [],
    streetWide: (item.streetWide as boolean | undefined) ?? false,
  };
}
