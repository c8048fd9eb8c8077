import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { HouseholdEntity } from './household.entity';

/** 实有人口: name, phone and ID number are personal data, masked everywhere but the audited reveal. */
@Entity('person')
@Index(['householdId'])
@Index(['buildingId'])
@Index(['gridId'])
@Index(['communityId'])
@Index(['streetId', 'idNumber'])
export class PersonEntity extends GridScopedEntity {
  @Column({ type: 'uuid' })
  buildingId: string;

  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'int', nullable: true })
  birthYear: number | null;

  /** e.g. 独居老人, 残疾人, 固定转移人员 */
  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];
}
