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
  fromMarkerColumns,
} from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import type { ConfigScope } from '@gridboard/server/auth/policy.decorators';
import { userJurisdiction } from '@gridboard/server/auth/user-dto';
import { Commands } from '@gridboard/server/command/commands';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { ItemLocator } from '@gridboard/server/realtime/item-presence.registry';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD } from '../support/factories';
import { http, type HttpResult } from '../support/http';
import {
  type Cell,
  CONTEXTS,
  type Ctx,
  gridPlace,
  itemJurisdiction,
  type MatrixActor,
  type MatrixModule,
  type MatrixWorld,
  mergeModules,
  perContext,
  type Place,
  type Resource,
  type RouteCase,
  type Sample,
  sees,
} from '../support/matrix';
import { geoMatrix } from '../support/matrix-geo';
import { floodMatrix } from '../support/matrix-flood';
import { incidentConfigMatrix, incidentsMatrix } from '../support/matrix-incidents';
import { inspectionsMatrix } from '../support/matrix-inspections';
import { unmaskedPii } from '../support/pii';
import { type DiscoveredRoute, discoverRoutes, mountedRoutes, routesWithoutPolicy } from '../support/routes';
import { BoardClient } from '../support/socket';

/**
 * The authorization matrix (issue 3): every HTTP route Nest has, and every socket message, against every
 * role × {own jurisdiction, sibling jurisdiction, other street}. Expectations are derived, not listed:
 * the route's declared policy gives the permission, ROLE_PERMISSIONS says who holds it (403 otherwise),
 * canSee says whether the object is in the caller's jurisdiction (404 otherwise), and a workflow
 * action's roles who may take it (403). Routes added later are covered automatically; the tables only
 * supply what cannot be derived: sample objects behind a path parameter (`resources`) and request
 * bodies that make a write succeed (`cases`), per module in test/support/matrix-*.ts (vocabulary in
 * test/support/matrix.ts). A route with no entry still gets the 401/403 checks and "allowed: neither
 * 401 nor 403 nor 5xx"; the routes of the modules in COVERED must have both.
 */

/** The scopes broad enough to write configuration of each reach. */
const CONFIGURES: Record<ConfigScope, readonly ScopeKind[]> = {
  district: ['district'],
  street: ['district', 'street'],
};

/** Modules whose every route has a case, and every path parameter a sample. */
const COVERED =
  /^\/api\/(auth|users|audit|health|geo|incidents|whistles|working-calendar|flood|inspections|hazards|hazards\.xlsx)(\/|$)/;

describe('authorization matrix', () => {
  let t: TestApp;
  let a: StreetFixture;
  let b: StreetFixture;
  let root: MatrixActor;
  let routes: DiscoveredRoute[];
  const actors: MatrixActor[] = [];
  let n = 0;
  const unique = (p: string) => `${p}${++n}`;

  /** own: community 1 / grid 1 / fire of street A; sibling: community 2 / grid 3 / water of A; other: street B. */
  const place = (ctx: Ctx): Place => {
    const f = ctx === 'other' ? b : a;
    const i = ctx === 'sibling' ? 1 : 0;
    return { f, community: f.communities[i]!, grid: f.grids[i * 2]!, department: f.departments[i]! };
  };
  const jurisdiction = (ctx: Ctx): Jurisdiction => ({
    ...gridPlace(w, ctx),
    departmentIds: [place(ctx).department.id],
  });
  const scopeOf = (kind: ScopeKind, ctx: Ctx = 'own'): Scope => {
    const p = place(ctx);
    const streetId = p.f.street.id;
    switch (kind) {
      case 'district':
        return { kind };
      case 'street':
        return { kind, streetId };
      case 'communities':
        return { kind, streetId, communityIds: [p.community.id] };
      case 'grids':
        return { kind, streetId, gridIds: [p.grid.id] };
      case 'department':
        return { kind, streetId, departmentId: p.department.id };
    }
  };
  /** The scope a role is tested with: street-wide where it may be, else the one kind it has. */
  const scopeKindOf = (role: Role): ScopeKind =>
    ROLE_SCOPE_KINDS[role].includes('street') ? 'street' : ROLE_SCOPE_KINDS[role][0]!;
  const helpers = new Map<string, Promise<MatrixActor>>();
  const helper = (role: Role, ctx: Ctx): Promise<MatrixActor> => {
    const key = `${role}@${ctx}`;
    if (!helpers.has(key)) {
      const scope = scopeOf(scopeKindOf(role), ctx);
      helpers.set(
        key,
        createUser(t, unique(`helper-${role}-`), role, scope).then((u) => ({
          label: key,
          role,
          scope,
          token: u.token,
        })),
      );
    }
    return helpers.get(key)!;
  };
  const w: MatrixWorld = {
    get t() {
      return t;
    },
    get root() {
      return root;
    },
    place,
    helper,
    unique,
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

  /** Accounts, sessions and the audit log. */
  const core: MatrixModule = {
    resources: { users: { create: newUserIn }, audit: {} },
    cases: {
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
      'POST /api/users/:id/reveal': { ok: [200], shared: true },
    },
    setup: async () => {
      core.resources.users!.fixed = await perContext(newUserIn);
      // Audit rows on each street, carrying personal data the search must mask.
      core.resources.audit!.fixed = await perContext(async (ctx) => {
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
        return { id: String(row.id), version: 1, jurisdiction: streetOnly(ctx) };
      });
    },
  };

  const {
    resources: RESOURCES,
    cases: CASES,
    setup,
  } = mergeModules([
    core,
    geoMatrix(w),
    incidentsMatrix(w),
    incidentConfigMatrix(w),
    floodMatrix(w),
    inspectionsMatrix(w),
  ]);

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
      const scope = scopeOf(scopeKindOf(role));
      actors.push({ label: role, role, scope, token: (await createUser(t, `m-${role}`, role, scope)).token });
    }
    const district = scopeOf('district');
    root = {
      label: 'admin (district)',
      role: 'admin',
      scope: district,
      token: (await createUser(t, 'm-admin-district', 'admin', district)).token,
    };
    actors.push(root);
    await setup();
    routes = discoverRoutes(t.app);
  });
  afterAll(() => t.close());

  const keyOf = (r: DiscoveredRoute) => `${r.method} ${r.path}`;
  /** The path up to its first parameter, without /api: `users`, `geo/grids`, `incidents`. */
  const resourceOf = (r: DiscoveredRoute) => r.path.replace(/^\/api\//, '').split('/:')[0]!;
  const paramsOf = (r: DiscoveredRoute) => [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const hasParams = (r: DiscoveredRoute) => paramsOf(r).length > 0;
  /** A route's cases: one, or one per variant (workflow actions); none is `[undefined]`. */
  const casesOf = (r: DiscoveredRoute): (RouteCase | undefined)[] => {
    const c = CASES[keyOf(r)];
    return c === undefined ? [undefined] : [c].flat();
  };
  const nameOf = (r: DiscoveredRoute, rc: RouteCase | undefined) => `${keyOf(r)}${rc?.label ? ` [${rc.label}]` : ''}`;
  /** The resource a call is about, if it has samples. */
  const resourceFor = (r: DiscoveredRoute, rc: RouteCase | undefined): Resource | undefined => {
    if (rc?.resource && !RESOURCES[rc.resource]) throw new Error(`${nameOf(r, rc)}: no resource ${rc.resource}`);
    const known = RESOURCES[rc?.resource ?? (hasParams(r) ? resourceOf(r) : '')];
    return known?.fixed || known?.create ? known : undefined;
  };

  /** The statuses a cell must answer (null: anything but 401, 403 and 5xx). */
  function expected(
    route: DiscoveredRoute,
    rc: RouteCase | undefined,
    actor: MatrixActor,
    ctx: Ctx,
    target: Sample | null,
  ): number[] | null {
    const policy = route.policy!;
    if (policy.kind === 'permission' && !hasPermission(actor.role, policy.permission)) return [403];
    // configuration of every street (or a whole street): a holder with a narrower scope is refused
    if (
      policy.kind === 'permission' &&
      policy.configScope &&
      !CONFIGURES[policy.configScope].includes(actor.scope.kind)
    ) {
      return [403];
    }
    const visible = target ? sees(actor.scope, target) : (rc?.inScope?.(actor, ctx) ?? true);
    if (!visible) return [rc?.outOfScope ?? 404];
    if (rc?.roles && !rc.roles.includes(actor.role)) return [403];
    const refused = rc?.refuse?.(actor, target);
    if (refused) return [refused];
    if (rc) return rc.ok;
    return hasParams(route) && !target ? [400, 404] : null;
  }

  /**
   * Reads and calls that change nothing share the fixed samples; a write expected to succeed gets a
   * fresh object (prepared for its caller), so cells do not disturb each other; one expected to be
   * refused is tried on the fixed sample, which it must leave alone.
   */
  async function sampleFor(
    route: DiscoveredRoute,
    rc: RouteCase | undefined,
    resource: Resource,
    actor: MatrixActor,
    ctx: Ctx,
  ): Promise<Sample> {
    const fixed = resource.fixed?.[ctx];
    const succeeds = (s: Sample) => expected(route, rc, actor, ctx, s)?.every((x) => x < 300) ?? true;
    const shared = route.method === 'GET' || rc?.shared || !resource.create;
    if (fixed && (shared || !succeeds(fixed))) return fixed;
    if (resource.create) return resource.create(ctx, actor);
    throw new Error(`no ${ctx} sample for ${nameOf(route, rc)}: add one to its resource`);
  }

  /** Calls the cell's route; `withBody` false sends nothing but the path (the guard decides before validation). */
  async function send(cell: Cell, rc: RouteCase | undefined, token: string | undefined, withBody = true) {
    const { route } = cell;
    const params: Record<string, string> = { ...cell.target?.params, ...rc?.params };
    let first = true;
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name] ?? (first ? cell.target?.id : undefined) ?? randomUUID();
      first = false;
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams(withBody ? rc?.query?.(cell) : undefined);
    if (route.method === 'GET' && !hasParams(route)) query.set('limit', '10000');
    const url = query.size ? `${path}?${query}` : path;
    const api = http(t.url, token);
    let body: unknown = (withBody ? await rc?.body?.(cell) : undefined) ?? {};
    if (withBody && rc?.upload) {
      const file = await rc.upload.file(cell);
      body = new FormData();
      (body as FormData).append(rc.upload.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    }
    switch (route.method) {
      case 'GET':
        return api.get(url);
      case 'POST':
        return api.post(url, body);
      case 'PUT':
        return api.put(url, body);
      case 'PATCH':
        return api.patch(url, body);
      case 'DELETE':
        return api.delete(url);
      default:
        throw new Error(`no way to call ${route.method} ${route.path}`);
    }
  }

  /** Unmasked personal data in a JSON answer; reveals answer it on purpose. */
  const leaksOf = (route: DiscoveredRoute, res: HttpResult): string[] =>
    route.path.endsWith('/reveal') || !res.headers.get('content-type')?.includes('json')
      ? []
      : [...new Set(unmaskedPii(res.body))];

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

  it('has a case for every route of the modules it covers, and a sample behind every path parameter', () => {
    const missing: string[] = [];
    for (const route of routes.filter((r) => COVERED.test(r.path) && r.policy?.kind !== 'public')) {
      for (const rc of casesOf(route)) {
        if (!rc) missing.push(`${keyOf(route)}: no case`);
        else if (paramsOf(route).some((p) => !rc.params?.[p]) && !resourceFor(route, rc)) {
          missing.push(`${nameOf(route, rc)}: no sample`);
        }
      }
    }
    expect(missing).toEqual([]);
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
        const res = await send(cell, undefined, token, false);
        if (res.status !== 401 || res.body?.code !== code) {
          failures.push(`${keyOf(route)} with token ${String(token)}: ${res.status} ${res.body?.code}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  describe('answers every role × jurisdiction as ROLE_PERMISSIONS, canSee and the workflows say', () => {
    const tally = { cells: 0, scoped: 0, exact: 0, allowed: 0 };
    /** One call, checked: the failures it found. */
    const cell = async (route: DiscoveredRoute, rc: RouteCase | undefined, actor: MatrixActor | null, ctx: Ctx) => {
      const name = `${nameOf(route, rc)} as ${actor?.label ?? 'nobody (public)'} on ${ctx}`;
      const resource = resourceFor(route, rc);
      const target = rc?.about
        ? rc.about(ctx)
        : resource && actor
          ? await sampleFor(route, rc, resource, actor, ctx)
          : null;
      const caller =
        actor && rc?.freshActor
          ? { ...actor, token: (await createUser(t, unique('fresh'), actor.role, actor.scope)).token }
          : actor;
      const res = await send({ route, actor: caller, ctx, target }, rc, caller?.token);
      const want = actor ? expected(route, rc, actor, ctx, target) : (rc?.ok ?? null);
      tally.cells++;
      if (actor && (rc?.about || resource || rc?.inScope)) tally.scoped++;
      if (want) tally.exact++;
      if (want?.every((x) => x < 300)) tally.allowed++;
      const leaks = leaksOf(route, res);
      const failures = leaks.length ? [`${name}: unmasked ${leaks.join(', ')}`] : [];
      if (want ? !want.includes(res.status) : res.status >= 500 || [401, 403].includes(res.status)) {
        failures.push(`${name}: ${res.status}, expected ${want?.join('|') ?? 'allowed'} ${res.body?.code ?? ''}`);
      }
      return failures;
    };
    /** Every cell of a route: each role in each context its samples have (one if the guard refuses). */
    const cellsOf = (route: DiscoveredRoute): (() => Promise<string[]>)[] => {
      const policy = route.policy!;
      return casesOf(route).flatMap((rc) => {
        if (policy.kind === 'public') return [() => cell(route, rc, null, 'own')];
        const run = rc?.serial ? oneAtATime<string[]>() : (task: () => Promise<string[]>) => task;
        // Only resources with sample objects can be tested per jurisdiction; others get 400|404 on a random id.
        const resource = resourceFor(route, rc);
        const contexts = resource?.contexts ?? (resource || rc?.about || rc?.inScope ? CONTEXTS : (['own'] as const));
        return actors.flatMap((actor) => {
          // The guard refuses a missing permission before any object is read: one context says it all.
          const refused = policy.kind === 'permission' && !hasPermission(actor.role, policy.permission);
          return (refused ? (['own'] as const) : contexts).map((ctx) => run(() => cell(route, rc, actor, ctx)));
        });
      });
    };
    /** Each route in the first group it matches (a group per test keeps failures and run times apart). */
    const GROUPS: [string, RegExp][] = [
      ['accounts, sessions and the audit log', /^\/api\/(auth|users|audit|health)(\/|$)/],
      ['the geo registry', /^\/api\/geo\//],
      ['incident workflow actions', /^\/api\/incidents\/:id\/actions\//],
      ['incidents and their configuration', /^\/api\/(incidents|working-calendar|open311)(\/|$)/],
      ['whistles', /^\/api\/whistles(\/|$)/],
      ['flood transfers', /^\/api\/flood\//],
      ['hazard workflow actions', /^\/api\/hazards\/:id\/actions\//],
      ['inspections and hazards', /^\/api\/(inspections|hazards)(\/|\.|$)/],
      ['every other route', /^/],
    ];
    const groupOf = (r: DiscoveredRoute) => GROUPS.find(([, re]) => re.test(r.path))![0];

    it.each(GROUPS.map(([name]) => name))('%s', async (group) => {
      const cells = routes.filter((r) => r.policy && groupOf(r) === group).flatMap(cellsOf);
      // Cells are independent (each write has its own sample), so a few run at once.
      expect((await inParallel(cells, 4)).flat()).toEqual([]);
    });

    it('has run every route with a policy, and no route without one', () => {
      console.info(
        `authorization matrix: ${routes.length} routes, ${tally.cells} cells, ${tally.scoped} on samples across ` +
          `own/sibling/other, ${tally.exact} with exact statuses, ${tally.allowed} of them 2xx`,
      );
      expect(routesWithoutPolicy(routes)).toEqual([]);
      expect(tally.cells).toBeGreaterThan(routes.length * actors.length);
    });
  });

  it('lists only in-scope rows for every role, and never an unmasked phone or ID number', async () => {
    const failures: string[] = [];
    let rowsChecked = 0;
    const lists = routes.filter((r) => r.method === 'GET' && !hasParams(r) && r.policy?.kind !== 'public');
    // The board's compact markers carry no jurisdiction (10,000 load at once): each is looked up.
    const incidentRows: Record<string, unknown>[] = await t.app
      .get(DataSource)
      .query('SELECT id, street_id, community_id, grid_id, department_ids FROM incident');
    const incidentJurisdiction = new Map(
      incidentRows.map((r) => [
        r.id,
        itemJurisdiction({
          streetId: r.street_id,
          communityId: r.community_id,
          gridId: r.grid_id,
          departmentIds: r.department_ids,
        }),
      ]),
    );
    for (const route of lists) {
      const policy = route.policy;
      if (!policy) continue; // reported by the first test
      // a map layer lists what the list of the same name does
      const resource = RESOURCES[resourceOf(route).replace(/\.geojson$/, '')] ?? {};
      const { fixed } = resource;
      const locate =
        resourceOf(route) === 'board/incidents'
          ? (item: Record<string, unknown>) => incidentJurisdiction.get(item.id) ?? null
          : (resource.itemJurisdiction ?? itemJurisdiction);
      for (const actor of actors) {
        if (policy.kind === 'permission' && !hasPermission(actor.role, policy.permission)) continue;
        const res = await send({ route, actor, ctx: 'own', target: null }, casesOf(route)[0], actor.token);
        const where = `${keyOf(route)} as ${actor.label}`;
        const leaks = leaksOf(route, res);
        if (leaks.length) failures.push(`${where}: unmasked ${leaks.join(', ')}`);
        const items = rowsOf(res.body);
        if (!items) continue; // not a list
        if (
          typeof res.body.seq !== 'number' ||
          ((res.body.items || res.body.columns) && typeof res.body.total !== 'number')
        ) {
          failures.push(
            `${where}: a list must answer {items, total, seq} (the board's markers {columns, total, seq}), a map layer {features, seq}`,
          );
        }
        for (const item of items) {
          const j = locate(item);
          rowsChecked++;
          if (!j) failures.push(`${where}: cannot tell the jurisdiction of ${JSON.stringify(item).slice(0, 80)}`);
          else if (!canSee(actor.scope, j)) failures.push(`${where}: out-of-scope row ${String(item.id)}`);
        }
        const ids = new Set(items.map((i) => i.id));
        for (const ctx of resource.contexts ?? CONTEXTS) {
          const sample = fixed?.[ctx];
          if (sample && ids.has(sample.id) !== sees(actor.scope, sample)) {
            failures.push(`${where}: the ${ctx} sample is ${ids.has(sample.id) ? 'shown' : 'missing'}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(lists.map(keyOf)).toEqual(
      expect.arrayContaining(['GET /api/users', 'GET /api/audit', 'GET /api/incidents', 'GET /api/whistles']),
    );
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

/** Runs `tasks` with at most `limit` at a time; the results in the tasks' order. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Wraps tasks so that, however they are scheduled, each starts only after the previous one ended. */
function oneAtATime<T>(): (task: () => Promise<T>) => () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => () => {
    const next = last.then(task, task);
    last = next.catch(() => undefined);
    return next;
  };
}

/** The rows of a list ({items}) or of a map layer (a FeatureCollection: its features' properties). */
function rowsOf(body: any): Record<string, unknown>[] | null {
  if (Array.isArray(body?.items)) return body.items;
  if (Array.isArray(body?.columns?.id)) return fromMarkerColumns(body.columns); // the board's markers
  if (body?.type === 'FeatureCollection' && Array.isArray(body.features)) {
    return body.features.map((f: { id: string; properties: object }) => ({ ...f.properties, id: f.id }));
  }
  return null;
}
