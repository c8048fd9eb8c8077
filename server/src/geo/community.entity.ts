import type { Area } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

@Entity('community')
@Index(['streetId', 'code'], { unique: true })
export class CommunityEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', nullable: true })
  area: Area | null;
}
