import type { ChecklistItemKind, InspectionResult } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { JurisdictionEntity } from '../db/jurisdiction.entity';
import { SiteEntity } from '../geo/site.entity';
import { CampaignEntity } from './campaign.entity';
import { TemplateVersionEntity } from './template.entity';

/** One answer as recorded: the item's label and kind are copied, so later versions change nothing. */
export interface StoredAnswer {
  itemKey: string;
  label: string;
  kind: ChecklistItemKind;
  value: boolean | number | string | null;
  passed: boolean | null;
  note: string;
  photoIds: string[];
}

/**
 * 检查记录: one visit to one site against one template version. Written once; only its jurisdiction
 * follows its campaign's departments. `(inspector, clientId)` is unique: a retried submission finds it.
 */
@Entity('inspection_record')
@Index(['inspectorId', 'clientId'], { unique: true })
@Index(['siteId', 'inspectedAt'])
@Index(['streetId', 'inspectedAt'])
@Index(['campaignId', 'siteId'])
export class InspectionRecordEntity extends JurisdictionEntity {
  @Column({ type: 'uuid' })
  clientId: string;

  @Column({ type: 'uuid' })
  siteId: string;

  /** Records are the ledger: a site with records cannot be deleted from the registry. */
  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;

  @Column({ type: 'text' })
  siteName: string;

  @Column({ type: 'text' })
  siteType: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @ManyToOne(() => CampaignEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ type: 'uuid' })
  templateId: string;

  @Column({ type: 'uuid' })
  templateVersionId: string;

  @ManyToOne(() => TemplateVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_version_id' })
  templateVersion?: TemplateVersionEntity;

  @Column({ type: 'jsonb' })
  answers: StoredAnswer[];

  @Column({ type: 'text' })
  result: InspectionResult;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  failedItems: string[];

  /** Photos of the visit not tied to an item. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'double precision', nullable: true })
  accuracy: number | null;

  @Column({ type: 'double precision', nullable: true })
  distanceM: number | null;

  @Column({ type: 'timestamptz' })
  inspectedAt: Date;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'uuid' })
  inspectorId: string;

  @Column({ type: 'text' })
  inspectorName: string;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}
