import type { BasemapFeature } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

/** Roads, rivers, blocks and parks: the street's own vector basemap, so the map works with no tile server. */
@Entity('basemap_feature')
@Index(['streetId', 'kind'])
export class BasemapFeatureEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  /** road | river | block | park */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'jsonb' })
  geometry: BasemapFeature['geometry'];
}
