import { Injectable } from '@nestjs/common';
import type { Scope, TemplateListQuery } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { ChecklistTemplateEntity, TemplateVersionEntity } from './template.entity';

/** The only place with SQL for checklist templates and their versions. */
@Injectable()
export class TemplatesRepository {
  constructor(private readonly db: Db) {}

  insert(row: Partial<ChecklistTemplateEntity>): Promise<ChecklistTemplateEntity> {
    return this.db.manager.save(ChecklistTemplateEntity, this.db.manager.create(ChecklistTemplateEntity, row));
  }

  insertVersion(row: Omit<TemplateVersionEntity, 'id' | 'createdAt' | 'template'>): Promise<TemplateVersionEntity> {
    return this.db.manager.save(TemplateVersionEntity, this.db.manager.create(TemplateVersionEntity, row));
  }

  findById(id: string): Promise<ChecklistTemplateEntity | null> {
    return this.db.manager.findOneBy(ChecklistTemplateEntity, { id });
  }

  findForUpdate(id: string): Promise<ChecklistTemplateEntity | null> {
    return this.db.manager
      .createQueryBuilder(ChecklistTemplateEntity, 't')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<ChecklistTemplateEntity>,
    present: (t: ChecklistTemplateEntity) => unknown,
  ): Promise<ChecklistTemplateEntity> {
    return updateVersioned(this.db.manager, ChecklistTemplateEntity, id, version, patch, present);
  }

  version(id: string): Promise<TemplateVersionEntity | null> {
    return this.db.manager.findOneBy(TemplateVersionEntity, { id });
  }

  versionsOf(templateId: string): Promise<TemplateVersionEntity[]> {
    return this.db.manager.find(TemplateVersionEntity, { where: { templateId }, order: { number: 'DESC' } });
  }

  async versionsById(ids: readonly string[]): Promise<Map<string, TemplateVersionEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.db.manager
      .createQueryBuilder(TemplateVersionEntity, 'v')
      .where('v.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((v) => [v.id, v]));
  }

  async namesById(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.manager.query('SELECT id, name FROM checklist_template WHERE id = ANY($1)', [
      [...new Set(ids)],
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Templates are street-wide: the caller's street (every street for district-wide users). */
  async list(scope: Scope, q: TemplateListQuery): Promise<{ items: ChecklistTemplateEntity[]; total: number }> {
    const qb = this.db.manager.createQueryBuilder(ChecklistTemplateEntity, 't');
    qb.where(scope.kind === 'district' ? 'TRUE' : 't.street_id = :street', {
      street: scope.kind === 'district' ? undefined : scope.streetId,
    });
    if (q.siteType) qb.andWhere("(t.site_types = '{}' OR :siteType = ANY(t.site_types))", { siteType: q.siteType });
    if (q.campaignType) qb.andWhere(':campaignType = ANY(t.campaign_types)', { campaignType: q.campaignType });
    if (q.active !== undefined) qb.andWhere('t.active = :active', { active: q.active });
    if (q.q) qb.andWhere('t.name ILIKE :q', { q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    const [items, total] = await qb
      .orderBy('t.active', 'DESC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }
}
