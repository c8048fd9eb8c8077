import type { IncidentSource, IncidentState, Severity } from '@gridboard/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

/** Incident categories: data, with both languages' labels (seeded from DOMAIN.md). */
@Entity('incident_category')
export class IncidentCategoryEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  labelZh: string;

  @Column({ type: 'text' })
  labelEn: string;

  @Column({ type: 'int', default: 100 })
  sort: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 1 })
  version: number;
}

/** 处置时限 rules; `matchKey` (category|severity|source, * for any) keeps each combination unique. */
@Entity('deadline_rule')
export class DeadlineRuleEntity extends BaseEntity {
  @Column({ type: 'text', unique: true })
  matchKey: string;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', nullable: true })
  severity: Severity | null;

  @Column({ type: 'text', nullable: true })
  source: IncidentSource | null;

  @Column({ type: 'double precision' })
  hours: number;

  /** natural | workdays */
  @Column({ type: 'text' })
  calendar: 'natural' | 'workdays';
}

/** An admin's correction of the national holiday calendar for one day. */
@Entity('workday_override')
export class WorkdayOverrideEntity {
  /** YYYY-MM-DD */
  @PrimaryColumn({ type: 'text' })
  date: string;

  @Column({ type: 'boolean' })
  workday: boolean;

  @Column({ type: 'text', default: '' })
  note: string;
}

/** A street's own label for a canonical incident state. */
@Entity('incident_state_label')
export class IncidentStateLabelEntity {
  @PrimaryColumn({ type: 'uuid' })
  streetId: string;

  @PrimaryColumn({ type: 'text' })
  state: IncidentState;

  @Column({ type: 'text' })
  labelZh: string;

  @Column({ type: 'text' })
  labelEn: string;
}

/** The column mapping a street saved for one import source (e.g. its 12345 export's headers). */
@Entity('incident_import_mapping')
export class ImportMappingEntity {
  @PrimaryColumn({ type: 'uuid' })
  streetId: string;

  @PrimaryColumn({ type: 'text' })
  source: string;

  @Column({ type: 'jsonb' })
  columns: Record<string, string>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
