import type { Area } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { StreetEntity } from './street.entity';

@Entity('community')
@Index(['streetId', 'code'], { unique: true })
export class CommunityEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id' })
  street?: StreetEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', nullable: true })
  area: Area | null;
}
