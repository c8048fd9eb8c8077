import { Injectable } from '@nestjs/common';
import type { RecordListQuery, Scope } from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { InspectionRecordEntity } from './record.entity';

export const RECORD_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
} as const;

/** The only place with SQL for inspection records. */
@Injectable()
export class RecordsRepository {
  constructor(private readonly db: Db) {}

  insert(row: Partial<InspectionRecordEntity>): Promise<InspectionRecordEntity> {
    return this.db.manager.save(InspectionRecordEntity, this.db.manager.create(InspectionRecordEntity, row));
  }

  findById(id: string): Promise<InspectionRecordEntity | null> {
    return this.db.manager.findOneBy(InspectionRecordEntity, { id });
  }

  findByClientId(inspectorId: string, clientId: string): Promise<InspectionRecordEntity | null> {
    return this.db.manager.findOneBy(InspectionRecordEntity, { inspectorId, clientId });
  }

  async list(
    scope: Scope,
    q: RecordListQuery,
    userId: string | null,
  ): Promise<{ items: InspectionRecordEntity[]; total: number }> {
    const cond = scopeCondition(scope, 'r', RECORD_SCOPE);
    const qb = this.db.manager.createQueryBuilder(InspectionRecordEntity, 'r').where(cond.sql, cond.params);
    if (q.siteId) qb.andWhere('r.site_id = :siteId', { siteId: q.siteId });
    if (q.campaignId) qb.andWhere('r.campaign_id = :campaignId', { campaignId: q.campaignId });
    if (q.gridId) qb.andWhere('r.grid_id = :gridId', { gridId: q.gridId });
    if (q.result) qb.andWhere('r.result = :result', { result: q.result });
    if (q.mine) qb.andWhere('r.inspector_id = :me', { me: userId });
    if (q.from) qb.andWhere('r.inspected_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('r.inspected_at < :to', { to: new Date(q.to) });
    if (q.drill === 'exclude') qb.andWhere('r.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('r.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('r.inspected_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }
}
