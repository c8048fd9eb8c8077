import { canSee, type Jurisdiction, type Role, type Scope } from '@gridboard/shared';
import { DISTRICT_STREET_ID } from '@gridboard/server/auth/user-dto';
import type { TestApp } from './app';
import type { StreetFixture } from './factories';
import type { DiscoveredRoute } from './routes';

/**
 * The vocabulary of the authorization matrix (test/api/authz-matrix.test.ts), shared with the
 * per-module tables (matrix-geo.ts, matrix-incidents.ts, …) that supply its sample objects and
 * request bodies. A module's table is a `MatrixModule`: resources keyed by the path up to the first
 * parameter (`geo/buildings`) or by a name its cases give (`incidents@resolved`), and cases keyed
 * `METHOD /api/path`.
 */

export type Ctx = 'own' | 'sibling' | 'other';
export const CONTEXTS: readonly Ctx[] = ['own', 'sibling', 'other'];

export interface MatrixActor {
  label: string;
  role: Role;
  scope: Scope;
  token: string;
}

/** An object a call is about, in a context; `jurisdiction` decides who may see it. */
export interface Sample {
  id: string;
  version: number;
  /** `everyone`: district-wide configuration every user reads (categories, deadline rules, calendar). */
  jurisdiction: Jurisdiction | 'everyone';
  /** Path parameters besides the first (`:photoId`, `:summonsId`), by name. */
  params?: Record<string, string>;
  /** What a write must repeat about the object (a deadline rule's match fields). */
  data?: Record<string, unknown>;
}

export interface Cell {
  route: DiscoveredRoute;
  actor: MatrixActor | null;
  ctx: Ctx;
  target: Sample | null;
}

export interface Resource {
  /**
   * A fresh object in the context, for a write expected to succeed (others share `fixed`). `actor`
   * is who will call: a sample may be prepared for it (首接首办: an incident it accepted itself).
   */
  create?: (ctx: Ctx, actor: MatrixActor) => Promise<Sample>;
  /** Created once per context; lists must show exactly those the caller may see. */
  fixed?: Partial<Record<Ctx, Sample>>;
  /** The contexts that mean something for it (district-wide configuration has one). */
  contexts?: readonly Ctx[];
  /** Where a listed item belongs, when its fields alone do not say (default: `itemJurisdiction`). */
  itemJurisdiction?: (item: Record<string, unknown>) => Jurisdiction | null;
}

export interface RouteCase {
  /** Names a variant of a route (a workflow action behind `:action`). */
  label?: string;
  /** The resource the call is about, when it is not the path's (a workflow action needs a state). */
  resource?: string;
  /** For creates: the parent or place the body names, with the jurisdiction the new object will have. */
  about?: (ctx: Ctx) => Sample;
  /** Fixed path parameters (`{ action: 'accept' }`). */
  params?: Record<string, string>;
  query?: (cell: Cell) => Record<string, string>;
  body?: (cell: Cell) => unknown;
  /** Sent as multipart/form-data with this file in `field` (and no other fields). */
  upload?: { field: string; file: (cell: Cell) => Promise<{ name: string; type: string; data: Buffer }> };
  /** Statuses of an allowed, in-scope call. */
  ok: number[];
  /** For routes whose object is in the body (creates): is the call in the caller's jurisdiction? */
  inScope?: (actor: MatrixActor, ctx: Ctx) => boolean;
  /** Status of an allowed call on an object outside the jurisdiction (default 404). */
  outOfScope?: number;
  /** Roles the workflow lets take the action (the route itself is only `@Authenticated`): others 403. */
  roles?: readonly Role[];
  /** A refusal on a visible object (community staff writing another community's grid): its status. */
  refuse?: (actor: MatrixActor, target: Sample | null) => number | undefined;
  /** The call changes nothing that matters (reveal, idempotent upsert): cells share the fixed sample. */
  shared?: boolean;
  /** The route changes its caller (own password): act as a throwaway user of the same role and scope. */
  freshActor?: boolean;
  /** Its cells write one shared, versioned object (a street's settings): run them one at a time. */
  serial?: boolean;
}

export interface MatrixModule {
  resources: Record<string, Resource>;
  cases: Record<string, RouteCase | RouteCase[]>;
  /** Creates the fixed samples (runs once, after the streets and actors exist). */
  setup?: () => Promise<void>;
}

/** What the tables are built on; its members are filled in the matrix's `beforeAll`. */
export interface MatrixWorld {
  readonly t: TestApp;
  /** A district-wide admin, to prepare samples anywhere. */
  readonly root: MatrixActor;
  /** own: community 1 / grid 1 / fire of street A; sibling: community 2 / grid 3 / water of A; other: street B. */
  place(ctx: Ctx): Place;
  /** A user of `role` whose scope is the context's unit (its grid, community or department), cached. */
  helper(role: Role, ctx: Ctx): Promise<MatrixActor>;
  unique(prefix: string): string;
}

export interface Place {
  f: StreetFixture;
  community: StreetFixture['communities'][number];
  grid: StreetFixture['grids'][number];
  department: StreetFixture['departments'][number];
}

/** Where a new object of the context's grid belongs. */
export function gridPlace(w: MatrixWorld, ctx: Ctx, streetWide = false): Jurisdiction {
  const p = w.place(ctx);
  return { streetId: p.f.street.id, communityId: p.community.id, gridId: p.grid.id, departmentIds: [], streetWide };
}

/** A street-level object of the context's street (settings, street-wide structure). */
export function streetLevel(w: MatrixWorld, ctx: Ctx, streetWide = true): Jurisdiction {
  return { streetId: w.place(ctx).f.street.id, communityId: null, gridId: null, departmentIds: [], streetWide };
}

export function sees(scope: Scope, s: Sample): boolean {
  return s.jurisdiction === 'everyone' || canSee(scope, s.jurisdiction);
}

/** One sample per context. */
export async function perContext(
  make: (ctx: Ctx) => Promise<Sample>,
  contexts: readonly Ctx[] = CONTEXTS,
): Promise<Partial<Record<Ctx, Sample>>> {
  const out: Partial<Record<Ctx, Sample>> = {};
  for (const ctx of contexts) out[ctx] = await make(ctx);
  return out;
}

/** Merges module tables; a key defined twice is a mistake in the tables. */
export function mergeModules(modules: MatrixModule[]): Required<MatrixModule> {
  const resources: Record<string, Resource> = {};
  const cases: Record<string, RouteCase | RouteCase[]> = {};
  for (const m of modules) {
    for (const [k, v] of Object.entries(m.resources)) {
      if (k in resources) throw new Error(`matrix resource ${k} defined twice`);
      resources[k] = v;
    }
    for (const [k, v] of Object.entries(m.cases)) {
      if (k in cases) throw new Error(`matrix case ${k} defined twice`);
      cases[k] = v;
    }
  }
  return {
    resources,
    cases,
    setup: async () => {
      for (const m of modules) await m.setup?.();
    },
  };
}

/** The response's status must be one of `ok`, else the preparation failed (not a matrix cell). */
export function prepared<T extends { status: number; body: any }>(what: string, r: T, ok = [200, 201, 204]): T {
  if (!ok.includes(r.status)) throw new Error(`preparing ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Where a listed row belongs, from the fields list items carry (a null street: district-wide only). */
export function itemJurisdiction(item: Record<string, unknown>): Jurisdiction | null {
  if (!('streetId' in item)) return null;
  return {
    streetId: (item.streetId as string | null) ?? DISTRICT_STREET_ID,
    communityId: (item.communityId as string | null | undefined) ?? null,
    gridId: (item.gridId as string | null | undefined) ?? null,
    departmentIds: (item.departmentIds as string[] | undefined) ?? [],
    streetWide: (item.streetWide as boolean | undefined) ?? false,
  };
}

/** A listed row of the street's structure, shown to everyone on its street. */
export function streetWideItem(item: Record<string, unknown>): Jurisdiction | null {
  const j = itemJurisdiction(item);
  return j && { ...j, streetWide: true };
}
