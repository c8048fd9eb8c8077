import { Injectable } from '@nestjs/common';
import type { IncidentState } from '@gridboard/shared';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../db/db';
import { rowsOf } from '../db/rows';
import { updateVersioned } from '../db/versioned-update';
import {
  DeadlineRuleEntity,
  ImportMappingEntity,
  IncidentCategoryEntity,
  IncidentStateLabelEntity,
  WorkdayOverrideEntity,
} from './incident-config.entity';

/** SQL for the incident configuration tables: categories, deadline rules, calendar, labels, mappings. */
@Injectable()
export class IncidentConfigRepository {
  constructor(private readonly db: Db) {}

  async streetIds(): Promise<string[]> {
    const rows = (await this.db.manager.query('SELECT id FROM street ORDER BY code')) as { id: string }[];
    return rows.map((r) => r.id);
  }

  categories(): Promise<IncidentCategoryEntity[]> {
    return this.db.manager.find(IncidentCategoryEntity, { order: { sort: 'ASC', code: 'ASC' } });
  }

  /** Read on every report, as are the rules and overrides: fixed statements (rows.ts). */
  async category(code: string): Promise<IncidentCategoryEntity | null> {
    const [row] = await rowsOf(
      this.db.manager,
      IncidentCategoryEntity,
      'incident_category_by_code',
      'SELECT * FROM incident_category WHERE code = $1',
      [code],
    );
    return row ?? null;
  }

  async upsertCategory(row: Omit<IncidentCategoryEntity, 'version'>): Promise<IncidentCategoryEntity> {
    await this.db.manager.query(
      `INSERT INTO incident_category (code, label_zh, label_en, sort, active, version) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (code) DO UPDATE SET label_zh = $2, label_en = $3, sort = $4, active = $5,
         version = incident_category.version + 1`,
      [row.code, row.labelZh, row.labelEn, row.sort, row.active],
    );
    return (await this.category(row.code))!;
  }

  rules(): Promise<DeadlineRuleEntity[]> {
    return rowsOf(
      this.db.manager,
      DeadlineRuleEntity,
      'deadline_rules',
      'SELECT * FROM deadline_rule ORDER BY match_key',
      [],
    );
  }

  rule(id: string): Promise<DeadlineRuleEntity | null> {
    return this.db.manager.findOneBy(DeadlineRuleEntity, { id });
  }

  ruleByKey(matchKey: string): Promise<DeadlineRuleEntity | null> {
    return this.db.manager.findOneBy(DeadlineRuleEntity, { matchKey });
  }

  insertRule(row: Partial<DeadlineRuleEntity>): Promise<DeadlineRuleEntity> {
    return this.db.manager.save(DeadlineRuleEntity, this.db.manager.create(DeadlineRuleEntity, row));
  }

  updateRule(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<DeadlineRuleEntity>,
    present: (r: DeadlineRuleEntity) => unknown,
  ): Promise<DeadlineRuleEntity> {
    return updateVersioned(this.db.manager, DeadlineRuleEntity, id, version, patch, present);
  }

  async deleteRule(id: string): Promise<void> {
    await this.db.manager.delete(DeadlineRuleEntity, { id });
  }

  /** Overrides from `fromDate` on (YYYY-MM-DD); the table holds a few dozen rows a year. */
  overridesFrom(fromDate: string): Promise<WorkdayOverrideEntity[]> {
    return rowsOf(
      this.db.manager,
      WorkdayOverrideEntity,
      'workday_overrides_from',
      'SELECT * FROM workday_override WHERE "date" >= $1 ORDER BY "date"',
      [fromDate],
    );
  }

  override(date: string): Promise<WorkdayOverrideEntity | null> {
    return this.db.manager.findOneBy(WorkdayOverrideEntity, { date });
  }

  async upsertOverride(row: WorkdayOverrideEntity): Promise<void> {
    await this.db.manager.upsert(WorkdayOverrideEntity, row, ['date']);
  }

  async deleteOverride(date: string): Promise<void> {
    await this.db.manager.delete(WorkdayOverrideEntity, { date });
  }

  stateLabels(streetId: string): Promise<IncidentStateLabelEntity[]> {
    return this.db.manager.findBy(IncidentStateLabelEntity, { streetId });
  }

  async upsertStateLabel(row: IncidentStateLabelEntity): Promise<void> {
    await this.db.manager.upsert(IncidentStateLabelEntity, row, ['streetId', 'state']);
  }

  async deleteStateLabel(streetId: string, state: IncidentState): Promise<void> {
    await this.db.manager.delete(IncidentStateLabelEntity, { streetId, state });
  }

  mapping(streetId: string, source: string): Promise<ImportMappingEntity | null> {
    return this.db.manager.findOneBy(ImportMappingEntity, { streetId, source });
  }

  async upsertMapping(streetId: string, source: string, columns: Record<string, string>, now: Date): Promise<void> {
    await this.db.manager.upsert(ImportMappingEntity, { streetId, source, columns, updatedAt: now }, [
      'streetId',
      'source',
    ]);
  }
}
