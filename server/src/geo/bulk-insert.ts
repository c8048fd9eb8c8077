import type { EntityManager } from 'typeorm';

/** Bind parameters per statement stay well under PostgreSQL's 65,535 (and PGlite's memory). */
const MAX_PARAMS = 30_000;
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Multi-row INSERTs in chunks, for the demo seed and imports (thousands of rows in one transaction).
 * Rows are entity-shaped (camelCase keys, all rows with the same keys); objects become jsonb.
 */
export async function bulkInsert(m: EntityManager, table: string, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]!);
  const columns = keys.map((k) => `"${snake(k)}"`).join(', ');
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / keys.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + chunk).map((row) => {
      const r = row as Record<string, unknown>;
      return `(${keys.map((k) => `$${params.push(r[k])}`).join(', ')})`;
    });
    await m.query(`INSERT INTO "${table}" (${columns}) VALUES ${tuples.join(', ')}`, params);
  }
}
