import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, versionConflict } from '../common/errors';

/**
 * Optimistic concurrency done right: `UPDATE … SET version = version + 1 WHERE id = $1 AND
 * version = $2`, then check the affected row count (TypeORM's @VersionColumn does not make save()
 * conditional). A stale version answers 409 with the current row, mapped by `present` for the client.
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
    .execute();
  const current = await m.findOneBy(entity, { id } as never);
  if (!current) throw notFound();
  if (result.affected !== 1) throw versionConflict(present(current));
  return current;
}
