import { z } from 'zod';
import type { Role } from './roles';

export const uuidSchema = z.uuid();

/**
 * Where an object belongs. Every entity, audit row and event carries one, so one predicate decides
 * who may see it: on REST reads, in socket rooms and in replay.
 */
export const jurisdictionSchema = z.object({
  streetId: uuidSchema,
  communityId: uuidSchema.nullable().default(null),
  gridId: uuidSchema.nullable().default(null),
  departmentIds: z.array(uuidSchema).default([]),
  /** Shown to everyone working on the street (a flood warning, the duty roster), whatever their unit. */
  streetWide: z.boolean().default(false),
});
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

/** What part of the district a user works in. */
export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district') }),
  z.object({ kind: z.literal('street'), streetId: uuidSchema }),
  z.object({ kind: z.literal('communities'), streetId: uuidSchema, communityIds: z.array(uuidSchema).min(1) }),
  z.object({ kind: z.literal('grids'), streetId: uuidSchema, gridIds: z.array(uuidSchema).min(1) }),
  z.object({ kind: z.literal('department'), streetId: uuidSchema, departmentId: uuidSchema }),
]);
export type Scope = z.infer<typeof scopeSchema>;
export type ScopeKind = Scope['kind'];

/** The scope kinds each role may be given (a grid worker is never street-wide). */
export const ROLE_SCOPE_KINDS: Record<Role, readonly ScopeKind[]> = {
  admin: ['district', 'street'],
  leader: ['street'],
  duty_officer: ['street'],
  community_staff: ['communities'],
  grid_leader: ['grids'],
  grid_worker: ['grids'],
  dept_staff: ['department'],
  drill_coordinator: ['street'],
  display: ['street'],
};

export function canSee(scope: Scope, j: Jurisdiction): boolean {
  if (j.streetWide && scope.kind !== 'district' && scope.streetId === j.streetId) return true;
  switch (scope.kind) {
    case 'district':
      return true;
    case 'street':
      return j.streetId === scope.streetId;
    case 'communities':
      return j.communityId !== null && scope.communityIds.includes(j.communityId);
    case 'grids':
      return j.gridId !== null && scope.gridIds.includes(j.gridId);
    case 'department':
      return j.departmentIds.includes(scope.departmentId);
  }
}

/** The socket.io rooms a user joins: one per unit of its scope. */
export function scopeRooms(scope: Scope): string[] {
  switch (scope.kind) {
    case 'district':
      return ['district'];
    case 'street':
      return [`street:${scope.streetId}`];
    case 'communities':
      return [`everyone:${scope.streetId}`, ...scope.communityIds.map((id) => `community:${id}`)];
    case 'grids':
      return [`everyone:${scope.streetId}`, ...scope.gridIds.map((id) => `grid:${id}`)];
    case 'department':
      return [`everyone:${scope.streetId}`, `dept:${scope.departmentId}`];
  }
}

/** The rooms an event of this jurisdiction is published to; a user receives it iff canSee. */
export function jurisdictionRooms(j: Jurisdiction): string[] {
  const rooms = ['district', `street:${j.streetId}`];
  if (j.streetWide) rooms.push(`everyone:${j.streetId}`);
  if (j.communityId) rooms.push(`community:${j.communityId}`);
  if (j.gridId) rooms.push(`grid:${j.gridId}`);
  for (const d of j.departmentIds) rooms.push(`dept:${d}`);
  return rooms;
}
