import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, versionConflict } from '../common/errors';
import { findRowById, hydrate } from './rows';

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
  const result = await m
    .createQueryBuilder()
    .update(entity)
    .set({ ...patch, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .returning('*')
    .execute();
  const [updated] = result.raw as Record<string, unknown>[];
  if (result.affected === 1 && updated) return hydrate(m, entity, updated);
  // Not updated: gone (404) or changed meanwhile (409 with the row as it is now).
  const current = await findRowById(m, entity, id);
  if (!current) throw notFound();
  throw versionConflict(present(current));
}
