import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

/** 职能部门: 应急, 消防, 市监, 城管执法, 住建, 派出所, 水务, 供电, 燃气 … */
@Entity('department')
@Index(['streetId', 'code'], { unique: true })
export class DepartmentEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  dutyPhone: string | null;
}
