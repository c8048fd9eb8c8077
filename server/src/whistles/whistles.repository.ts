import { Injectable } from '@nestjs/common';
import type { Scope, WhistleListQuery } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { SummonsEntity, WhistleEntity, WhistleStepEntity } from './whistle.entity';

const WHISTLE_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
} as const;
const NOT_ON_SITE = ['summoned', 'acknowledged'];

export interface PerformanceRow {
  departmentId: string;
  departmentName: string;
  summoned: number;
  arrived: number;
  median: number | null;
  p90: number | null;
  onTime: number;
  due: number;
  resolved: number;
}

/** The only place with SQL for whistles, their summons and their timeline. */
@Injectable()
export class WhistlesRepository {
  constructor(private readonly db: Db) {}

  insert(row: Partial<WhistleEntity>): Promise<WhistleEntity> {
    return this.db.manager.save(WhistleEntity, this.db.manager.create(WhistleEntity, row));
  }

  async insertSummons(rows: Partial<SummonsEntity>[]): Promise<SummonsEntity[]> {
    return this.db.manager.save(
      SummonsEntity,
      rows.map((r) => this.db.manager.create(SummonsEntity, r)),
    );
  }

  insertStep(row: Omit<WhistleStepEntity, 'id'>): Promise<WhistleStepEntity> {
    return this.db.manager.save(WhistleStepEntity, this.db.manager.create(WhistleStepEntity, row));
  }

  findById(id: string): Promise<WhistleEntity | null> {
    return this.db.manager.findOneBy(WhistleEntity, { id });
  }

  findForUpdate(id: string): Promise<WhistleEntity | null> {
    return this.db.manager
      .createQueryBuilder(WhistleEntity, 'w')
      .where('w.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  openForIncident(incidentId: string): Promise<WhistleEntity | null> {
    return this.db.manager.findOneBy(WhistleEntity, { incidentId, state: 'open' });
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<WhistleEntity>,
    present: (w: WhistleEntity) => unknown,
  ): Promise<WhistleEntity> {
    return updateVersioned(this.db.manager, WhistleEntity, id, version, patch, present);
  }

  updateSummons(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<SummonsEntity>,
    present: (s: SummonsEntity) => unknown,
  ): Promise<SummonsEntity> {
    return updateVersioned(this.db.manager, SummonsEntity, id, version, patch, present);
  }

  async summonsOf(whistleIds: string[]): Promise<Map<string, SummonsEntity[]>> {
    const map = new Map<string, SummonsEntity[]>(whistleIds.map((id) => [id, []]));
    if (!whistleIds.length) return map;
    const rows = await this.db.manager
      .createQueryBuilder(SummonsEntity, 's')
      .where('s.whistle_id = ANY(:ids)', { ids: whistleIds })
      .orderBy('s.level', 'ASC')
      .addOrderBy('s.summoned_at', 'ASC')
      .addOrderBy('s.department_name', 'ASC')
      .getMany();
    for (const r of rows) map.get(r.whistleId)!.push(r);
    return map;
  }

  steps(whistleId: string): Promise<WhistleStepEntity[]> {
    return this.db.manager.find(WhistleStepEntity, { where: { whistleId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async list(scope: Scope, q: WhistleListQuery, now: Date): Promise<{ items: WhistleEntity[]; total: number }> {
    const cond = scopeCondition(scope, 'w', WHISTLE_SCOPE);
    const qb = this.db.manager.createQueryBuilder(WhistleEntity, 'w').where(cond.sql, cond.params);
    if (q.state) qb.andWhere('w.state = :state', { state: q.state });
    if (q.incidentId) qb.andWhere('w.incident_id = :incidentId', { incidentId: q.incidentId });
    if (q.gridId) qb.andWhere('w.grid_id = :gridId', { gridId: q.gridId });
    if (q.departmentId) qb.andWhere(':dept = ANY(w.department_ids)', { dept: q.departmentId });
    if (q.overdue !== undefined) {
      const exists = `EXISTS (SELECT 1 FROM whistle_summons s WHERE s.whistle_id = w.id
        AND s.state = ANY(:notOnSite) AND s.deadline < :now)`;
      qb.andWhere(q.overdue ? `w.state = 'open' AND ${exists}` : `NOT (w.state = 'open' AND ${exists})`, {
        notOnSite: NOT_ON_SITE,
        now,
      });
    }
    if (q.drill === 'exclude') qb.andWhere('w.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('w.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('w.blown_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Summons of open whistles still not on site after their deadline, not yet escalated. */
  async dueSummons(now: Date, limit: number): Promise<{ id: string; whistleId: string }[]> {
    return (await this.db.manager.query(
      `SELECT s.id, s.whistle_id AS "whistleId" FROM whistle_summons s JOIN whistle w ON w.id = s.whistle_id
       WHERE w.state = 'open' AND s.escalated_at IS NULL AND s.state = ANY($2) AND s.deadline < $1
       ORDER BY s.deadline LIMIT $3`,
      [now, NOT_ON_SITE, limit],
    )) as { id: string; whistleId: string }[];
  }

  /** Sets the durable escalation flag if it is still unset; the row count says whether this call did. */
  async markEscalated(id: string, now: Date): Promise<SummonsEntity | null> {
    const r = (await this.db.manager.query(
      `UPDATE whistle_summons SET escalated_at = $2, version = version + 1, updated_at = now()
       WHERE id = $1 AND escalated_at IS NULL AND state = ANY($3) AND deadline < $2 RETURNING id`,
      [id, now, NOT_ON_SITE],
    )) as [unknown[], number];
    return r[1] === 1 ? this.db.manager.findOneBy(SummonsEntity, { id }) : null;
  }

  async dueWhistles(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM whistle WHERE state = 'open' AND overdue_at IS NULL AND resolve_by < $1 ORDER BY resolve_by LIMIT $2`,
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async markOverdue(id: string, now: Date): Promise<WhistleEntity | null> {
    const r = (await this.db.manager.query(
      `UPDATE whistle SET overdue_at = $2, version = version + 1, updated_at = now()
       WHERE id = $1 AND overdue_at IS NULL AND state = 'open' AND resolve_by < $2 RETURNING id`,
      [id, now],
    )) as [unknown[], number];
    return r[1] === 1 ? this.findById(id) : null;
  }

  /**
   * Per department over real (non-drill, not cancelled) whistles summoned in [from, to): minutes
   * from summons to 报到 (median, p90), arrivals by the deadline, results reported as resolved.
   */
  async performance(scope: Scope, from: Date, to: Date, now: Date, departmentId?: string): Promise<PerformanceRow[]> {
    const cond = scopeCondition(scope, 'w', WHISTLE_SCOPE);
    const qb = this.db.manager
      .createQueryBuilder(SummonsEntity, 's')
      .innerJoin(WhistleEntity, 'w', 'w.id = s.whistle_id')
      .select('s.department_id', 'departmentId')
      .addSelect('max(s.department_name)', 'departmentName')
      .addSelect('count(*)::int', 'summoned')
      .addSelect('count(s.arrived_at)::int', 'arrived')
      .addSelect(
        'percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.arrived_at - s.summoned_at) / 60)',
        'median',
      )
      .addSelect(
        'percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.arrived_at - s.summoned_at) / 60)',
        'p90',
      )
      .addSelect('count(*) FILTER (WHERE s.arrived_at <= s.deadline)::int', 'onTime')
      .addSelect('count(*) FILTER (WHERE s.arrived_at IS NOT NULL OR s.deadline < :now)::int', 'due')
      .addSelect('count(*) FILTER (WHERE s.resolved)::int', 'resolved')
      .where(cond.sql, cond.params)
      .andWhere("w.drill_id IS NULL AND w.state <> 'cancelled'")
      .andWhere('s.summoned_at >= :from AND s.summoned_at < :to', { from, to, now });
    // A department sees its own figures only, not those of the others it was summoned with.
    const dept = scope.kind === 'department' ? scope.departmentId : departmentId;
    if (dept) qb.andWhere('s.department_id = :dept', { dept });
    const rows = (await qb.groupBy('s.department_id').orderBy('"departmentName"', 'ASC').getRawMany()) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      departmentId: String(r.departmentId),
      departmentName: String(r.departmentName),
      summoned: Number(r.summoned),
      arrived: Number(r.arrived),
      median: r.median === null ? null : Number(r.median),
      p90: r.p90 === null ? null : Number(r.p90),
      onTime: Number(r.onTime),
      due: Number(r.due),
      resolved: Number(r.resolved),
    }));
  }
}
