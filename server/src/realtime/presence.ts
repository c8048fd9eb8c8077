import { Injectable } from '@nestjs/common';
import { canSee, type Jurisdiction, type Scope } from '@gridboard/shared';
import { Db } from '../db/db';

/**
 * Where a user works, as jurisdictions. A street-level user is "street-wide" (everyone on the street
 * works with the duty officer); a grid worker sits in each of their grids and its community, so
 * community staff see their grid workers online.
 */
export function homeJurisdictions(scope: Scope, communityOfGrid: ReadonlyMap<string, string>): Jurisdiction[] {
  const j = (streetId: string, over: Partial<Jurisdiction>): Jurisdiction => ({
    streetId,
    communityId: null,
    gridId: null,
    departmentIds: [],
    streetWide: false,
    ...over,
  });
  switch (scope.kind) {
    case 'district':
      return [];
    case 'street':
      return [j(scope.streetId, { streetWide: true })];
    case 'communities':
      return scope.communityIds.map((communityId) => j(scope.streetId, { communityId }));
    case 'grids':
      return scope.gridIds.map((gridId) =>
        j(scope.streetId, { gridId, communityId: communityOfGrid.get(gridId) ?? null }),
      );
    case 'department':
      return [j(scope.streetId, { departmentIds: [scope.departmentId] })];
  }
}

export interface PresenceMember {
  scope: Scope;
  home: Jurisdiction[];
}

/**
 * "Online in my jurisdiction": two users see each other when either one's scope covers a place where
 * the other works — the same `canSee` rule as every read, applied in both directions (a grid worker
 * sees the duty officer watching the street, and the officer sees the grid worker).
 */
export function sharesJurisdiction(a: PresenceMember, b: PresenceMember): boolean {
  return b.home.some((j) => canSee(a.scope, j)) || a.home.some((j) => canSee(b.scope, j));
}

/** The one lookup presence needs beyond the user row: which community each of a user's grids is in. */
@Injectable()
export class PresenceRepository {
  constructor(private readonly db: Db) {}

  async communityOfGrids(gridIds: readonly string[]): Promise<Map<string, string>> {
    if (!gridIds.length) return new Map();
    const rows = (await this.db.manager.query('SELECT id, community_id FROM grid WHERE id = ANY($1::uuid[])', [
      gridIds,
    ])) as { id: string; community_id: string }[];
    return new Map(rows.map((r) => [r.id, r.community_id]));
  }
}
