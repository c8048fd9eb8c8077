import type { CampaignType, SiteType } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { SiteEntity } from '../geo/site.entity';
import { StreetEntity } from '../geo/street.entity';
import { ChecklistTemplateEntity } from './template.entity';

/**
 * 专项行动: a period, the sites it targets (by type and grid), the joint departments and the
 * checklist. Shown street-wide; `departmentIds` also reach the records and hazards it produces.
 */
@Entity('inspection_campaign')
@Index(['streetId', 'endsOn'])
export class CampaignEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id' })
  street?: StreetEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: CampaignType;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Asia/Shanghai days, both included (YYYY-MM-DD). */
  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  siteTypes: SiteType[];

  @Column({ type: 'boolean', default: false })
  nineSmall: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  gridIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  departmentIds: string[];

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => ChecklistTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id' })
  template?: ChecklistTemplateEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text' })
  createdByName: string;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}

/** The campaign's target sites, computed from its targeting when it is created or retargeted. */
@Entity('inspection_campaign_site')
@Index(['siteId'])
export class CampaignSiteEntity {
  @PrimaryColumn({ type: 'uuid' })
  campaignId: string;

  @PrimaryColumn({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  /** A site removed from the registry simply leaves the campaign. */
  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;
}
