import type { Area } from '@gridboard/shared';
import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

@Entity('street')
export class StreetEntity extends BaseEntity {
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', nullable: true })
  area: Area | null;
}
