import {
  type Role,
  ROLE_SCOPE_KINDS,
  type Scope,
  type ScopeKind,
  type UpdateUserInput,
  type User,
} from '@gridboard/shared';

/** The scope picker's state: every kind's choice kept, so switching kinds back and forth loses nothing. */
export interface ScopeDraft {
  kind: ScopeKind;
  streetId: string;
  communityIds: string[];
  gridIds: string[];
  departmentId: string;
}

/** What the form edits. `phone` empty means "unchanged" when editing (the stored one is masked). */
export interface UserDraft {
  username: string;
  displayName: string;
  role: Role;
  phone: string;
  password: string;
  scope: ScopeDraft;
}

export function scopeDraft(scope: Scope | null, defaultStreetId = ''): ScopeDraft {
  const d: ScopeDraft = {
    kind: scope?.kind ?? 'street',
    streetId: scope && scope.kind !== 'district' ? scope.streetId : defaultStreetId,
    communityIds: [],
    gridIds: [],
    departmentId: '',
  };
  if (scope?.kind === 'communities') d.communityIds = [...scope.communityIds];
  if (scope?.kind === 'grids') d.gridIds = [...scope.gridIds];
  if (scope?.kind === 'department') d.departmentId = scope.departmentId;
  return d;
}

export function userDraft(user: User | null, defaultStreetId = ''): UserDraft {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'grid_worker',
    phone: '',
    password: '',
    scope: scopeDraft(user?.scope ?? null, defaultStreetId),
  };
}

/** The kind the role allows (ROLE_SCOPE_KINDS): the current one if allowed, else the role's first. */
export function fitScopeKind(kind: ScopeKind, role: Role): ScopeKind {
  const kinds = ROLE_SCOPE_KINDS[role];
  return kinds.includes(kind) ? kind : kinds[0]!;
}

/** The scope as the API takes it; the server checks the units (and answers per field when wrong). */
export function scopeOf(d: ScopeDraft): Scope {
  switch (d.kind) {
    case 'district':
      return { kind: 'district' };
    case 'street':
      return { kind: 'street', streetId: d.streetId };
    case 'communities':
      return { kind: 'communities', streetId: d.streetId, communityIds: d.communityIds };
    case 'grids':
      return { kind: 'grids', streetId: d.streetId, gridIds: d.gridIds };
    case 'department':
      return { kind: 'department', streetId: d.streetId, departmentId: d.departmentId };
  }
}

export function sameScope(a: Scope, b: Scope): boolean {
  const norm = (s: Scope) =>
    JSON.stringify(
      s.kind === 'communities'
        ? { ...s, communityIds: [...s.communityIds].sort() }
        : s.kind === 'grids'
          ? { ...s, gridIds: [...s.gridIds].sort() }
          : s,
    );
  return norm(a) === norm(b);
}

export type UserChanges = Omit<UpdateUserInput, 'version'>;

/** Only what the administrator changed, so reapplying it on a newer version keeps others' changes. */
export function userChanges(base: User, d: UserDraft): UserChanges {
  const changes: UserChanges = {};
  const displayName = d.displayName.trim();
  if (displayName !== base.displayName) changes.displayName = displayName;
  if (d.phone.trim()) changes.phone = d.phone.trim();
  const scope = scopeOf(d.scope);
  if (d.role !== base.role) changes.role = d.role;
  // Role and scope are checked together: a new role sends the scope too.
  if (d.role !== base.role || !sameScope(scope, base.scope)) changes.scope = scope;
  return changes;
}

/**
 * The server's message for a form item: its own field, or any field under it (`scope.gridIds.0`
 * belongs to the grids picker).
 */
export function fieldMessage(fields: Record<string, string>, name: string): string {
  if (fields[name]) return fields[name];
  const nested = Object.keys(fields).find((f) => f.startsWith(`${name}.`));
  return nested ? fields[nested]! : '';
}
