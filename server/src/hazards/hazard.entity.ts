import type { HazardState, Severity } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JurisdictionEntity } from '../db/jurisdiction.entity';
import { SiteEntity } from '../geo/site.entity';
import { InspectionRecordEntity } from '../inspections/record.entity';
import { TransitionStepColumns } from '../db/step.columns';

export interface ExtensionRequest {
  until: string;
  reason: string;
  requestedById: string | null;
  requestedByName: string;
  requestedAt: string;
}

/**
 * 隐患: found by an inspection record at a site, rectified by a deadline, closed (销号) after a
 * re-inspection. Carries the site's jurisdiction plus its campaign's departments. `overdueAt` is the
 * durable "supervision notice sent" flag for the current deadline; an approved extension clears it.
 */
@Entity('hazard')
@Index(['streetId', 'number'], { unique: true })
@Index(['streetId', 'state'])
@Index(['siteId', 'templateId', 'itemKey'])
@Index(['recordId', 'itemKey'], { unique: true, where: 'item_key IS NOT NULL' })
@Index(['campaignId'])
@Index(['deadline'], { where: "overdue_at IS NULL AND state IN ('open', 'rectifying')" })
export class HazardEntity extends JurisdictionEntity {
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;

  @Column({ type: 'text' })
  siteName: string;

  @Column({ type: 'text' })
  siteType: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  /** The record that found it. */
  @Column({ type: 'uuid' })
  recordId: string;

  @ManyToOne(() => InspectionRecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id' })
  record?: InspectionRecordEntity;

  @Column({ type: 'uuid', nullable: true })
  templateId: string | null;

  /** The checklist item that failed (null: a finding outside the list). */
  @Column({ type: 'text', nullable: true })
  itemKey: string | null;

  @Column({ type: 'text', nullable: true })
  itemLabel: string | null;

  @Column({ type: 'text' })
  severity: Severity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', default: '' })
  responsibleParty: string;

  @Column({ type: 'text', nullable: true })
  responsibleContact: string | null;

  @Column({ type: 'text', nullable: true })
  responsiblePhone: string | null;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'timestamptz' })
  originalDeadline: Date;

  @Column({ type: 'text' })
  state: HazardState;

  @Column({ type: 'timestamptz' })
  foundAt: Date;

  @Column({ type: 'uuid', nullable: true })
  foundById: string | null;

  @Column({ type: 'text' })
  foundByName: string;

  /** Photos of the finding (rows owned by the record that found it). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  @Column({ type: 'text', nullable: true })
  rectificationNote: string | null;

  /** Photos of the rectification (rows owned by the hazard). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  rectificationPhotoIds: string[];

  /** When the rectification was submitted for re-inspection: a re-inspection must come after it. */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recheckRecordId: string | null;

  @Column({ type: 'text', nullable: true })
  recheckedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'int', default: 0 })
  supervisionCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastSupervisedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  extensionCount: number;

  @Column({ type: 'jsonb', nullable: true })
  extensionRequest: ExtensionRequest | null;

  @Column({ type: 'boolean', default: false })
  recurring: boolean;

  @Column({ type: 'uuid', nullable: true })
  previousHazardId: string | null;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}

/** The hazard's timeline, one row per step. Append-only by convention. */
@Entity('hazard_step')
@Index(['hazardId', 'at'])
export class HazardStepEntity extends TransitionStepColumns {
  @Column({ type: 'uuid' })
  hazardId: string;
}

/** The last hazard number per street per day, taken with an upsert inside the creating transaction. */
@Entity('hazard_counter')
export class HazardCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  streetId: string;

  /** The Asia/Shanghai calendar day, YYYYMMDD. */
  @PrimaryColumn({ type: 'text' })
  day: string;

  @Column({ type: 'int' })
  last: number;
}
