import { Injectable } from '@nestjs/common';
import type { FloodWarningListQuery, Scope } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../db/db';
import { ADVISORY_LOCKS } from '../db/advisory-locks';
import { updateVersioned } from '../db/versioned-update';
import type { GridEntity } from '../geo/grid.entity';
import { FloodStepEntity } from './flood-step.entity';
import { FloodWarningEntity } from './flood-warning.entity';

/** The only place with SQL for warnings and the flood timeline. */
@Injectable()
export class WarningsRepository {
  constructor(private readonly db: Db) {}

  /** Issuing on one street is serialised: a household never gets two open tasks from two warnings. */
  async lockStreet(streetId: string): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      ADVISORY_LOCKS.floodIssue,
      streetId,
    ]);
  }

  insert(row: Partial<FloodWarningEntity>): Promise<FloodWarningEntity> {
    return this.db.manager.save(FloodWarningEntity, this.db.manager.create(FloodWarningEntity, row));
  }

  findById(id: string): Promise<FloodWarningEntity | null> {
    return this.db.manager.findOneBy(FloodWarningEntity, { id });
  }

  /** Locks the warning: its task steps, lifting and closing happen one at a time, in commit order. */
  findForUpdate(id: string): Promise<FloodWarningEntity | null> {
    return this.db.manager
      .createQueryBuilder(FloodWarningEntity, 'w')
      .where('w.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<FloodWarningEntity>,
    present: (w: FloodWarningEntity) => unknown,
  ): Promise<FloodWarningEntity> {
    return updateVersioned(this.db.manager, FloodWarningEntity, id, version, patch, present);
  }

  /** Warnings are street-wide: a street's users see all of its warnings, district users every street's. */
  async list(scope: Scope, q: FloodWarningListQuery): Promise<{ items: FloodWarningEntity[]; total: number }> {
    const qb = this.db.manager.createQueryBuilder(FloodWarningEntity, 'w');
    if (scope.kind === 'district') qb.where('TRUE');
    else qb.where('w.street_id = :scopeStreet', { scopeStreet: scope.streetId });
    if (q.streetId) qb.andWhere('w.street_id = :streetId', { streetId: q.streetId });
    if (q.state) qb.andWhere('w.state = :state', { state: q.state });
    if (q.type) qb.andWhere('w.type = :type', { type: q.type });
    if (q.drill === 'exclude') qb.andWhere('w.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('w.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('w.issued_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Real (non-drill) active warnings, for the CAP feed. */
  activeReal(scope: Scope): Promise<FloodWarningEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(FloodWarningEntity, 'w')
      .where("w.state = 'active' AND w.drill_id IS NULL");
    if (scope.kind !== 'district') qb.andWhere('w.street_id = :streetId', { streetId: scope.streetId });
    return qb.orderBy('w.issued_at', 'DESC').getMany();
  }

  insertStep(row: Omit<FloodStepEntity, 'id'>): Promise<FloodStepEntity> {
    return this.db.manager.save(FloodStepEntity, this.db.manager.create(FloodStepEntity, row));
  }

  /** The step a user's phone sent under `clientId`, if it was taken. */
  stepByClientId(actorId: string, clientId: string): Promise<FloodStepEntity | null> {
    return this.db.manager.findOneBy(FloodStepEntity, { actorId, clientId });
  }

  /** A warning's steps, oldest first: all of them, its own only (`taskId: null`), or one task's. */
  steps(warningId: string, taskId?: string | null): Promise<FloodStepEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(FloodStepEntity, 's')
      .where('s.warning_id = :warningId', { warningId });
    if (taskId === null) qb.andWhere('s.task_id IS NULL');
    else if (taskId) qb.andWhere('s.task_id = :taskId', { taskId });
    return qb.orderBy('s.at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  /** The street's grids (code order): scope checks, polygons for CAP, names for progress. */
  async grids(streetId: string): Promise<GridEntity[]> {
    return (await this.db.manager.query(
      `SELECT id, code, name, community_id AS "communityId", area FROM grid WHERE street_id = $1 ORDER BY code`,
      [streetId],
    )) as GridEntity[];
  }

  async street(id: string): Promise<{ id: string; code: string; name: string; area: unknown } | null> {
    const [row] = (await this.db.manager.query('SELECT id, code, name, area FROM street WHERE id = $1', [id])) as {
      id: string;
      code: string;
      name: string;
      area: unknown;
    }[];
    return row ?? null;
  }
}
