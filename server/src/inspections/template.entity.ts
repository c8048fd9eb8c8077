import type { CampaignType, ChecklistItem, SiteType } from '@gridboard/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { StreetEntity } from '../geo/street.entity';

/**
 * 检查表: a street's checklist. Its items live in versions; editing writes a new version and moves
 * `currentVersionId`, so records keep pointing at the exact items they were answered against.
 */
@Entity('checklist_template')
@Index(['streetId', 'active'])
export class ChecklistTemplateEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id' })
  street?: StreetEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  siteTypes: SiteType[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  campaignTypes: CampaignType[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set in the same transaction that writes the version (no FK: the two rows point at each other). */
  @Column({ type: 'uuid' })
  currentVersionId: string;
}

/** One version of a checklist: immutable once written. */
@Entity('checklist_template_version')
@Index(['templateId', 'number'], { unique: true })
export class TemplateVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => ChecklistTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id' })
  template?: ChecklistTemplateEntity;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  items: ChecklistItem[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text' })
  createdByName: string;
}
