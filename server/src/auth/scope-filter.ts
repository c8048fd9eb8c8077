import type { Scope } from '@gridboard/shared';

/** Column names of a table's jurisdiction; tables without a column leave it out. */
export interface ScopeColumns {
  street: string;
  community?: string;
  grid?: string;
  departments?: string;
  streetWide?: string;
}

export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

let counter = 0;

/**
 * The SQL twin of `canSee` (packages/shared/jurisdiction.ts): repositories and replay filter with it
 * so lists, counts and replays hold only in-scope rows. Named parameters for TypeORM query builders.
 */
export function scopeCondition(scope: Scope, alias: string, cols: ScopeColumns): ScopeCondition {
  const p = `scope${++counter % 1_000_000}`;
  const col = (c: string) => `${alias}.${c}`;
  const wide = (sql: string): string =>
    cols.streetWide && scope.kind !== 'district'
      ? `(${sql} OR (${col(cols.streetWide)} AND ${col(cols.street)} = :${p}s))`
      : sql;
  switch (scope.kind) {
    case 'district':
      return { sql: 'TRUE', params: {} };
    case 'street':
      return { sql: `${col(cols.street)} = :${p}s`, params: { [`${p}s`]: scope.streetId } };
    case 'communities':
      return cols.community
        ? {
            sql: wide(`${col(cols.community)} = ANY(:${p}c)`),
            params: { [`${p}c`]: scope.communityIds, [`${p}s`]: scope.streetId },
          }
        : { sql: wide('FALSE'), params: { [`${p}s`]: scope.streetId } };
    case 'grids':
      return cols.grid
        ? {
            sql: wide(`${col(cols.grid)} = ANY(:${p}g)`),
            params: { [`${p}g`]: scope.gridIds, [`${p}s`]: scope.streetId },
          }
        : { sql: wide('FALSE'), params: { [`${p}s`]: scope.streetId } };
    case 'department':
      return cols.departments
        ? {
            sql: wide(`:${p}d = ANY(${col(cols.departments)})`),
            params: { [`${p}d`]: scope.departmentId, [`${p}s`]: scope.streetId },
          }
        : { sql: wide('FALSE'), params: { [`${p}s`]: scope.streetId } };
  }
}
