import type { Pool } from 'pg';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Whole rows by plain SQL, hydrated the way TypeORM's own reads do it (every non-virtual column
 * through the driver's conversion): for the reads on every request, where `findOneBy` spends more
 * CPU building its query than Postgres spends answering it, and for `UPDATE … RETURNING *`.
 */
export function hydrate<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  raw: Record<string, unknown>,
): T {
  const meta = m.connection.getMetadata(entity);
  const row = meta.create(undefined, { fromDeserializer: true }) as T;
  for (const column of columnsOf(meta)) {
    const value = raw[column.databaseName];
    if (value !== undefined) column.setEntityValue(row, m.connection.driver.prepareHydratedValue(value, column));
  }
  return row;
}

/**
 * The row with this primary key `id`, or null; `forUpdate` also locks it until the transaction ends
 * (only inside one). A fixed statement: see `rowsOf`.
 */
export async function findRowById<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<T | null> {
  if (forUpdate && !m.queryRunner) throw new Error('a row is locked only inside a transaction');
  const meta = m.connection.getMetadata(entity);
  let sql = byIdSql.get(meta);
  if (!sql) byIdSql.set(meta, (sql = `SELECT * FROM ${m.connection.driver.escape(meta.tableName)} WHERE id = $1`));
  const [row] = forUpdate
    ? await rowsOf(m, entity, `row_for_update:${meta.tableName}`, `${sql} FOR UPDATE`, [id])
    : await rowsOf(m, entity, `row_by_id:${meta.tableName}`, sql, [id]);
  return row ?? null;
}

/**
 * Whole rows of `entity` from a fixed statement (`SELECT *`, `… RETURNING *`), hydrated. Outside a
 * transaction it runs as a named prepared statement straight on the pool (the user is read on every
 * request, the registry row on every write): each connection parses and plans it once, and no
 * TypeORM query runner is made per read. Inside one, on the transaction's connection.
 */
export async function rowsOf<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const raw = m.queryRunner
    ? ((await m.query(text, values)) as Record<string, unknown>[])
    : await preparedRows(m, name, text, values);
  return raw.map((r) => hydrate(m, entity, r));
}

/**
 * `INSERT … RETURNING *` of one row, as TypeORM's `save` writes it without its persistence
 * machinery (subjects, cascades, a query builder per write): properties to columns through the
 * entity's metadata, values through the driver's conversion (JSON, arrays, dates), undefined left to
 * the column's default. Writes happen inside a command's transaction only.
 */
export async function insertRow<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
): Promise<T> {
  if (!m.queryRunner) throw new Error('rows are inserted inside a transaction');
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const names: string[] = [];
  const values: unknown[] = [];
  for (const column of columnsOf(meta)) {
    const value: unknown = column.getEntityValue(row);
    if (value === undefined) continue;
    names.push(driver.escape(column.databaseName));
    values.push(driver.preparePersistentValue(value, column));
  }
  const sql =
    `INSERT INTO ${driver.escape(meta.tableName)} (${names.join(', ')}) ` +
    `VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
  const [inserted] = (await m.query(sql, values)) as Record<string, unknown>[];
  return hydrate(m, entity, inserted!);
}

/** A fixed statement outside any transaction, prepared once per pooled connection under `name`. */
export async function preparedRows(
  m: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const pool = (m.connection.driver as PostgresDriver).master as Pool;
  return (await pool.query<Record<string, unknown>>({ name, text, values })).rows;
}

const byIdSql = new WeakMap<EntityMetadata, string>();
const columns = new WeakMap<EntityMetadata, EntityMetadata['columns']>();
function columnsOf(meta: EntityMetadata): EntityMetadata['columns'] {
  let list = columns.get(meta);
  if (!list) columns.set(meta, (list = meta.columns.filter((c) => !c.isVirtual)));
  return list;
}
