import { type Jurisdiction, maskPhone, type User } from '@gridboard/shared';
import type { UserEntity } from './user.entity';

/**
 * District-wide administrators belong to no street; their rows and events carry this id, which no
 * street-scoped user can see (canSee: only the district scope covers it).
 */
export const DISTRICT_STREET_ID = '00000000-0000-0000-0000-000000000000';

/** Where a user account belongs, for visibility: the street of its scope. */
export function userJurisdiction(u: Pick<UserEntity, 'streetId'>): Jurisdiction {
  return {
    streetId: u.streetId ?? DISTRICT_STREET_ID,
    communityId: null,
    gridId: null,
    departmentIds: [],
    streetWide: false,
  };
}

/** The API's view of a user: never the hash, and the phone masked (reveal is a separate request). */
export function toUserDto(u: UserEntity): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    streetId: u.streetId,
    phone: maskPhone(u.phone),
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a user before and after a change (unmasked: the audit search masks). */
export function auditView(u: UserEntity): object {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    phone: u.phone,
    disabled: u.disabled,
  };
}
