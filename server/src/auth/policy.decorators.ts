import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@gridboard/shared';

export const POLICY_KEY = 'gridboard:policy';

/** How a route is guarded. Every route must declare one; the guard refuses routes that don't. */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission; configScope?: ConfigScope };

/** How far a configuration write reaches: every street, or one whole street. */
export type ConfigScope = 'district' | 'street';

/** Open without login (login itself, health, the optional Open311 feed). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);
/** Any logged-in user; the service still scopes what it returns. */
export const Authenticated = () => SetMetadata(POLICY_KEY, { kind: 'authenticated' } satisfies RoutePolicy);
/**
 * Logged in with this permission; the object's jurisdiction is checked where it is read.
 * `configScope`: the route writes configuration shared by every street (`district`: categories,
 * deadline rules, the working calendar) or by a whole street (`street`: checklists, inspection
 * intervals, state labels, import mappings), so only a holder whose scope covers all of it may call it.
 */
export const Can = (permission: Permission, options: { configScope?: ConfigScope } = {}) =>
  SetMetadata(POLICY_KEY, { kind: 'permission', permission, ...options } satisfies RoutePolicy);
