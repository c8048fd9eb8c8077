import type { RiskType, VulnerableFlag } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { BaseEntity } from '../db/base.entity';
import { BuildingEntity } from '../geo/building.entity';
import { HouseholdEntity } from '../geo/household.entity';
import { ShelterEntity } from '../geo/shelter.entity';

/**
 * 固定转移人员台账: one household that must leave when a warning covers it. It has no grid of its
 * own: its community and grid are its building's, read through the join, so moving the building in
 * the registry moves the household with it. Head's name, phone and ID number are personal data.
 */
@Entity('flood_household')
@Index(['streetId'])
@Index(['buildingId', 'unit', 'room'], { unique: true })
@Index(['householdId'], { unique: true, where: 'household_id IS NOT NULL' })
@Index(['cardCode'], { unique: true })
@Index(['shelterId'])
@Index(['cadreUserId'])
export class FloodHouseholdEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid' })
  buildingId: string;

  @ManyToOne(() => BuildingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: BuildingEntity;

  @Column({ type: 'uuid', nullable: true })
  householdId: string | null;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text', default: '' })
  unit: string;

  @Column({ type: 'text', default: '' })
  room: string;

  @Column({ type: 'text' })
  headName: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'int' })
  personCount: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerable: VulnerableFlag[];

  @Column({ type: 'text' })
  riskType: RiskType;

  /** 包保责任人 with an account: their phone page lists this household's tasks. */
  @Column({ type: 'uuid', nullable: true })
  cadreUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'cadre_user_id' })
  cadre?: UserEntity;

  @Column({ type: 'text' })
  cadreName: string;

  @Column({ type: 'text', nullable: true })
  cadrePhone: string | null;

  @Column({ type: 'uuid' })
  shelterId: string;

  @ManyToOne(() => ShelterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shelter_id' })
  shelter?: ShelterEntity;

  /** 转移明白卡 code: what the card's QR encodes and the shelter scans. */
  @Column({ type: 'text' })
  cardCode: string;

  @Column({ type: 'text', default: '' })
  note: string;
}
