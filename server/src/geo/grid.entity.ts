import type { Area } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { CommunityEntity } from './community.entity';

@Entity('grid')
@Index(['streetId', 'code'], { unique: true })
@Index(['communityId'])
export class GridEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid' })
  communityId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: CommunityEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** comprehensive 综合网格 | dedicated 专属网格 (a school, market, enterprise) */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  area: Area;

  /** Bounding box, so a map viewport can be answered without parsing every polygon. */
  @Column({ type: 'double precision' })
  minLat: number;

  @Column({ type: 'double precision' })
  minLng: number;

  @Column({ type: 'double precision' })
  maxLat: number;

  @Column({ type: 'double precision' })
  maxLng: number;

  @Column({ type: 'int', default: 0 })
  households: number;

  @Column({ type: 'text', nullable: true })
  leaderName: string | null;

  @Column({ type: 'text', nullable: true })
  leaderPhone: string | null;
}
