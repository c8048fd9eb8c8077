import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityPropertyNotFoundError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, versionConflict } from '../common/errors';
import { findRowById, hydrate } from './rows';
import type { SqlStatement } from './sql-statement';

/**
 * Optimistic concurrency done right: `UPDATE … SET version = version + 1 WHERE id = $1 AND
 * version = $2`, then check the affected row count (TypeORM's @VersionColumn does not make save()
 * conditional). A stale version answers 409 with the current row, mapped by `present` for the client.
 * The updated row comes back from the UPDATE itself (RETURNING), not from a second read.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  patch: QueryDeepPartialEntity<T>,
  present: (current: T) => unknown,
): Promise<T> {
  const set = setClause(m, m.connection.getMetadata(entity), { ...patch, version: () => 'version + 1' });
  const n = set.params.length;
  // TypeORM answers an UPDATE with [rows, affected].
  const [rows] = (await m.query(`${set.sql} WHERE id = $${n + 1} AND version = $${n + 2} RETURNING *`, [
    ...set.params,
    id,
    expectedVersion,
  ])) as [Record<string, unknown>[], number];
  const updated = rows[0];
  if (updated) return hydrate(m, entity, updated);
  // Not updated: gone (404) or changed meanwhile (409 with the row as it is now).
  const current = await findRowById(m, entity, id);
  if (!current) throw notFound();
  throw versionConflict(present(current));
}

/**
 * `UPDATE table SET …` as TypeORM's update builder writes it, without the builder's cost on every
 * write: properties to columns through the entity's metadata, values through the driver's conversion
 * (JSON, arrays, dates), a function's result as SQL (`() => 'version + 1'`), undefined skipped, and
 * the @UpdateDateColumn set to CURRENT_TIMESTAMP unless the patch sets it.
 */
function setClause(m: EntityManager, meta: EntityMetadata, patch: Record<string, unknown>): SqlStatement {
  const driver = m.connection.driver;
  const sets: string[] = [];
  const params: unknown[] = [];
  const done = new Set<unknown>();
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const columns = meta.findColumnsWithPropertyPath(property);
    if (!columns.length) throw new EntityPropertyNotFoundError(property, meta);
    for (const column of columns) {
      if (!column.isUpdate || done.has(column)) continue;
      done.add(column);
      const v =
        column.referencedColumn && value !== null && typeof value === 'object' && !(value instanceof Date)
          ? column.referencedColumn.getEntityValue(value) // a related entity: its key
          : value;
      const expr =
        typeof v === 'function' ? (v as () => string)() : `$${params.push(driver.preparePersistentValue(v, column))}`;
      sets.push(`${driver.escape(column.databaseName)} = ${expr}`);
    }
  }
  const updated = meta.updateDateColumn;
  if (updated && !done.has(updated)) sets.push(`${driver.escape(updated.databaseName)} = CURRENT_TIMESTAMP`);
  return { sql: `UPDATE ${driver.escape(meta.tableName)} SET ${sets.join(', ')}`, params };
}
