import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';

export type UnitTable = 'community' | 'grid' | 'department';

/** Reads the geo units a scope names, to check they exist and belong to the scope's street. */
@Injectable()
export class ScopeUnitsRepository {
  constructor(private readonly db: Db) {}

  async streetExists(id: string): Promise<boolean> {
    const rows = (await this.db.manager.query('SELECT 1 FROM street WHERE id = $1', [id])) as unknown[];
    return rows.length > 0;
  }

  /** Those of `ids` that are units of `table` in `streetId`. */
  async inStreet(table: UnitTable, streetId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM "${table}" WHERE street_id = $1 AND id = ANY($2::uuid[])`,
      [streetId, ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}
