import { ADVISORY_LOCKS } from '../../db/advisory-locks';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../bulk-insert';
import type { DemoStreet } from './generate';

/** Tables in foreign-key order. */
const TABLES: [keyof Omit<DemoStreet, 'street'>, string][] = [
  ['communities', 'community'],
  ['grids', 'grid'],
  ['departments', 'department'],
  ['compounds', 'compound'],
  ['buildings', 'building'],
  ['households', 'household'],
  ['persons', 'person'],
  ['sites', 'site'],
  ['shelters', 'shelter'],
  ['basemap', 'basemap_feature'],
];

export interface SeededIds {
  streetId: string;
  code: string;
  name: string;
  communities: Record<string, string>;
  grids: Record<string, string>;
  departments: Record<string, string>;
}

/** The SQL of the demo seed: multi-row inserts in chunks (~11,000 persons a street). */
export class DemoStreetWriter {
  constructor(private readonly m: EntityManager) {}

  /** Serialises concurrent seeders (two instances booting on one empty database). */
  async lock(): Promise<void> {
    await this.m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.demoSeed]);
  }

  async streetCount(): Promise<number> {
    const [row] = (await this.m.query('SELECT count(*)::int AS n FROM street')) as { n: number }[];
    return row!.n;
  }

  async streetExists(code: string): Promise<boolean> {
    const rows = (await this.m.query('SELECT 1 FROM street WHERE code = $1', [code])) as unknown[];
    return rows.length > 0;
  }

  async write(data: DemoStreet): Promise<void> {
    await bulkInsert(this.m, 'street', [data.street]);
    for (const [key, table] of TABLES) await bulkInsert(this.m, table, data[key]);
    await this.m.query(
      `INSERT INTO audit_log (actor_name, actor_role, action, object_type, object_id, result, detail, street_id)
       VALUES ('system', 'system', 'geo.seed', 'street', $1, 'ok', $2, $3)`,
      [data.street.id, Object.fromEntries(TABLES.map(([key]) => [key, data[key].length])), data.street.id],
    );
  }

  /** The ids a caller needs to attach more demo data (accounts, incidents) by code. */
  async ids(code: string): Promise<SeededIds> {
    const [street] = (await this.m.query('SELECT id, code, name FROM street WHERE code = $1', [code])) as {
      id: string;
      code: string;
      name: string;
    }[];
    const byCode = async (table: string) =>
      Object.fromEntries(
        (
          (await this.m.query(`SELECT code, id FROM "${table}" WHERE street_id = $1 ORDER BY code`, [street!.id])) as {
            code: string;
            id: string;
          }[]
        ).map((r) => [r.code, r.id]),
      );
    return {
      streetId: street!.id,
      code: street!.code,
      name: street!.name,
      communities: await byCode('community'),
      grids: await byCode('grid'),
      departments: await byCode('department'),
    };
  }
}
