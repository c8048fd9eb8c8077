import { Injectable } from '@nestjs/common';
import { HAZARD_PENDING_STATES, type HazardListQuery, type Scope } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { HazardEntity, HazardStepEntity } from './hazard.entity';

export const HAZARD_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
} as const;
const PENDING = [...HAZARD_PENDING_STATES];

/** The only place with SQL for hazards and their timeline. */
@Injectable()
export class HazardsRepository {
  constructor(private readonly db: Db) {}

  /** The next YH number of the street's day; the row lock serialises concurrent finds, a rollback returns it. */
  async nextNumber(streetId: string, day: string): Promise<number> {
    const rows = (await this.db.manager.query(
      `INSERT INTO hazard_counter (street_id, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (street_id, day) DO UPDATE SET last = hazard_counter.last + 1
       RETURNING last`,
      [streetId, day],
    )) as { last: number }[];
    return Number(rows[0]!.last);
  }

  insert(row: Partial<HazardEntity>): Promise<HazardEntity> {
    return this.db.manager.save(HazardEntity, this.db.manager.create(HazardEntity, row));
  }

  insertStep(row: Omit<HazardStepEntity, 'id'>): Promise<HazardStepEntity> {
    return this.db.manager.save(HazardStepEntity, this.db.manager.create(HazardStepEntity, row));
  }

  findById(id: string): Promise<HazardEntity | null> {
    return this.db.manager.findOneBy(HazardEntity, { id });
  }

  findForUpdate(id: string): Promise<HazardEntity | null> {
    return this.db.manager
      .createQueryBuilder(HazardEntity, 'h')
      .where('h.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<HazardEntity>,
    present: (h: HazardEntity) => unknown,
  ): Promise<HazardEntity> {
    return updateVersioned(this.db.manager, HazardEntity, id, version, patch, present);
  }

  steps(hazardId: string): Promise<HazardStepEntity[]> {
    return this.db.manager.find(HazardStepEntity, { where: { hazardId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Hazards found by these records, by record. */
  async foundBy(recordIds: readonly string[]): Promise<Map<string, HazardEntity[]>> {
    const map = new Map<string, HazardEntity[]>(recordIds.map((id) => [id, []]));
    if (!recordIds.length) return map;
    const rows = await this.db.manager
      .createQueryBuilder(HazardEntity, 'h')
      .where('h.record_id = ANY(:ids)', { ids: [...new Set(recordIds)] })
      .orderBy('h.number', 'ASC')
      .getMany();
    for (const h of rows) map.get(h.recordId)?.push(h);
    return map;
  }

  /** The latest earlier hazard at the same site for the same checklist item (real or of the same drill). */
  async previous(h: {
    siteId: string;
    templateId: string | null;
    itemKey: string | null;
    drillId: string | null;
  }): Promise<HazardEntity | null> {
    if (!h.itemKey || !h.templateId) return null;
    return this.db.manager
      .createQueryBuilder(HazardEntity, 'h')
      .where('h.site_id = :siteId AND h.template_id = :templateId AND h.item_key = :itemKey', h)
      .andWhere('h.drill_id IS NOT DISTINCT FROM :drillId', { drillId: h.drillId })
      .orderBy('h.found_at', 'DESC')
      .addOrderBy('h.number', 'DESC')
      .getOne();
  }

  async list(
    scope: Scope,
    q: HazardListQuery,
    now: Date,
    userId: string | null,
  ): Promise<{ items: HazardEntity[]; total: number }> {
    const cond = scopeCondition(scope, 'h', HAZARD_SCOPE);
    const qb = this.db.manager.createQueryBuilder(HazardEntity, 'h').where(cond.sql, cond.params);
    if (q.state) qb.andWhere('h.state = ANY(:states)', { states: q.state });
    if (q.severity) qb.andWhere('h.severity = ANY(:severities)', { severities: q.severity });
    if (q.siteId) qb.andWhere('h.site_id = :siteId', { siteId: q.siteId });
    if (q.campaignId) qb.andWhere('h.campaign_id = :campaignId', { campaignId: q.campaignId });
    if (q.gridId) qb.andWhere('h.grid_id = :gridId', { gridId: q.gridId });
    if (q.recordId) qb.andWhere('h.record_id = :recordId', { recordId: q.recordId });
    if (q.overdue !== undefined) {
      const overdue = 'h.state = ANY(:pending) AND h.deadline < :now';
      qb.andWhere(q.overdue ? overdue : `NOT (${overdue})`, { pending: PENDING, now });
    }
    if (q.recurring !== undefined) qb.andWhere('h.recurring = :recurring', { recurring: q.recurring });
    if (q.mine) qb.andWhere('h.found_by_id = :me', { me: userId });
    if (q.q) {
      qb.andWhere(
        '(h.number ILIKE :q OR h.site_name ILIKE :q OR h.description ILIKE :q OR h.responsible_party ILIKE :q)',
        { q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` },
      );
    }
    if (q.from) qb.andWhere('h.found_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('h.found_at < :to', { to: new Date(q.to) });
    if (q.drill === 'exclude') qb.andWhere('h.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('h.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('h.found_at', 'DESC')
      .addOrderBy('h.number', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Real hazards in scope by state, overdue and recurring ones (the board's header). */
  async counts(
    scope: Scope,
    now: Date,
  ): Promise<{ byState: Record<string, number>; overdue: number; recurring: number }> {
    const cond = scopeCondition(scope, 'h', HAZARD_SCOPE);
    const rows = (await this.db.manager
      .createQueryBuilder(HazardEntity, 'h')
      .select('h.state', 'state')
      .addSelect('count(*)::int', 'n')
      .addSelect('count(*) FILTER (WHERE h.state = ANY(:pending) AND h.deadline < :now)::int', 'overdue')
      .addSelect("count(*) FILTER (WHERE h.recurring AND h.state <> 'closed')::int", 'recurring')
      .where(cond.sql, cond.params)
      .andWhere('h.drill_id IS NULL')
      .setParameters({ pending: PENDING, now })
      .groupBy('h.state')
      .getRawMany()) as { state: string; n: number; overdue: number; recurring: number }[];
    return {
      byState: Object.fromEntries(rows.map((r) => [r.state, r.n])),
      overdue: rows.reduce((s, r) => s + r.overdue, 0),
      recurring: rows.reduce((s, r) => s + r.recurring, 0),
    };
  }

  /** Hazards past their deadline, still with the party, whose notice was not sent yet. */
  async dueForOverdue(now: Date, limit: number): Promise<{ id: string; campaignId: string | null }[]> {
    return (await this.db.manager.query(
      `SELECT id, campaign_id AS "campaignId" FROM hazard
       WHERE overdue_at IS NULL AND state = ANY($2) AND deadline < $1 ORDER BY deadline LIMIT $3`,
      [now, PENDING, limit],
    )) as { id: string; campaignId: string | null }[];
  }

  /** Sets the durable notice flag if still unset and still due; the row count says whether this call did. */
  async markOverdue(id: string, now: Date): Promise<HazardEntity | null> {
    const [, affected] = (await this.db.manager.query(
      `UPDATE hazard SET overdue_at = $2, supervision_count = supervision_count + 1, last_supervised_at = $2,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND overdue_at IS NULL AND state = ANY($3) AND deadline < $2`,
      [id, now, PENDING],
    )) as [unknown, number];
    return affected === 1 ? this.findById(id) : null;
  }
}
