import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { StreetEntity } from './street.entity';

/** 职能部门: 应急, 消防, 市监, 城管执法, 住建, 派出所, 水务, 供电, 燃气 … */
@Entity('department')
@Index(['streetId', 'code'], { unique: true })
export class DepartmentEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id' })
  street?: StreetEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  dutyPhone: string | null;
}
