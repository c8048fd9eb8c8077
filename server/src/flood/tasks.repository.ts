import { Injectable } from '@nestjs/common';
import type { Scope, TransferState, TransferTaskListQuery } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { TransferTaskEntity } from './transfer-task.entity';

const TASK_SCOPE = { street: 'street_id', community: 'community_id', grid: 'grid_id' } as const;

/** The only place with SQL for transfer tasks. */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: Db) {}

  async insertMany(rows: Partial<TransferTaskEntity>[]): Promise<TransferTaskEntity[]> {
    const m = this.db.manager;
    return m.save(
      TransferTaskEntity,
      rows.map((r) => m.create(TransferTaskEntity, r)),
      { chunk: 500 },
    );
  }

  findById(id: string): Promise<TransferTaskEntity | null> {
    return this.db.manager.findOneBy(TransferTaskEntity, { id });
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<TransferTaskEntity>,
    present: (t: TransferTaskEntity) => unknown,
  ): Promise<TransferTaskEntity> {
    return updateVersioned(this.db.manager, TransferTaskEntity, id, version, patch, present);
  }

  async list(
    scope: Scope,
    q: TransferTaskListQuery,
    me: string | null,
  ): Promise<{ items: TransferTaskEntity[]; total: number }> {
    const cond = scopeCondition(scope, 't', TASK_SCOPE);
    const qb = this.db.manager.createQueryBuilder(TransferTaskEntity, 't').where(cond.sql, cond.params);
    if (q.warningId) qb.andWhere('t.warning_id = :warningId', { warningId: q.warningId });
    if (q.state) qb.andWhere('t.state = :state', { state: q.state });
    if (q.communityId) qb.andWhere('t.community_id = :communityId', { communityId: q.communityId });
    if (q.gridId) qb.andWhere('t.grid_id = :gridId', { gridId: q.gridId });
    if (q.shelterId) qb.andWhere('t.shelter_id = :shelterId', { shelterId: q.shelterId });
    if (q.floodHouseholdId) qb.andWhere('t.flood_household_id = :fh', { fh: q.floodHouseholdId });
    if (q.mine) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM flood_household fh WHERE fh.id = t.flood_household_id AND fh.cadre_user_id = :me)',
        { me },
      );
    }
    if (q.open !== undefined) {
      const open = "EXISTS (SELECT 1 FROM flood_warning w WHERE w.id = t.warning_id AND w.state <> 'closed')";
      qb.andWhere(q.open ? open : `NOT ${open}`);
    }
    if (q.drill === 'exclude') qb.andWhere('t.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('t.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.grid_id', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** A warning's tasks (optionally in some states, optionally within a scope). */
  ofWarning(warningId: string, states?: readonly TransferState[], scope?: Scope): Promise<TransferTaskEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(TransferTaskEntity, 't')
      .where('t.warning_id = :warningId', { warningId });
    if (states) qb.andWhere('t.state = ANY(:states)', { states });
    if (scope) {
      const cond = scopeCondition(scope, 't', TASK_SCOPE);
      qb.andWhere(cond.sql, cond.params);
    }
    return qb.orderBy('t.grid_id', 'ASC').addOrderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC').getMany();
  }

  /**
   * Register households with a task still open (not home) in a warning that is not closed, among
   * real warnings or those of the same drill: one household is tracked by one warning at a time.
   */
  async busyHouseholds(streetId: string, drillId: string | null): Promise<Map<string, string>> {
    const rows = (await this.db.manager.query(
      `SELECT t.flood_household_id AS "householdId", t.warning_id AS "warningId"
       FROM transfer_task t JOIN flood_warning w ON w.id = t.warning_id
       WHERE w.street_id = $1 AND w.state <> 'closed' AND t.state <> 'returned'
         AND w.drill_id IS NOT DISTINCT FROM $2`,
      [streetId, drillId],
    )) as { householdId: string; warningId: string }[];
    return new Map(rows.map((r) => [r.householdId, r.warningId]));
  }

  /** A household's tasks that may still be sheltered: in active warnings, not home yet. */
  openForCheckin(floodHouseholdId: string): Promise<TransferTaskEntity[]> {
    return this.db.manager
      .createQueryBuilder(TransferTaskEntity, 't')
      .innerJoin('t.warning', 'w')
      .where('t.flood_household_id = :id', { id: floodHouseholdId })
      .andWhere("w.state = 'active' AND t.state <> 'returned'")
      .orderBy('w.issued_at', 'DESC')
      .getMany();
  }

  /** People a drill has put into a shelter (drills never touch the registry's real occupancy). */
  async drillOccupancy(shelterId: string, drillId: string): Promise<number> {
    const [row] = (await this.db.manager.query(
      `SELECT coalesce(sum(t.people), 0)::int AS n FROM transfer_task t JOIN flood_warning w ON w.id = t.warning_id
       WHERE t.shelter_id = $1 AND t.state = 'sheltered' AND t.drill_id = $2 AND w.state <> 'closed'`,
      [shelterId, drillId],
    )) as { n: number }[];
    return row!.n;
  }

  async shelterNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.manager.query('SELECT id, name FROM shelter WHERE id = ANY($1::uuid[])', [
      [...new Set(ids)],
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
