import type { TransferState } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { ShelterEntity } from '../geo/shelter.entity';
import { FloodHouseholdEntity } from './flood-household.entity';
import { FloodWarningEntity } from './flood-warning.entity';

/**
 * One household's transfer under one warning. Its street/community/grid are the household's when
 * the warning was issued: who sees the task does not change under the cadres' feet.
 */
@Entity('transfer_task')
@Index(['warningId', 'floodHouseholdId'], { unique: true })
@Index(['warningId', 'state'])
@Index(['floodHouseholdId'])
@Index(['gridId'])
export class TransferTaskEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  warningId: string;

  @ManyToOne(() => FloodWarningEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warning_id' })
  warning?: FloodWarningEntity;

  @Column({ type: 'uuid' })
  floodHouseholdId: string;

  @ManyToOne(() => FloodHouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flood_household_id' })
  floodHousehold?: FloodHouseholdEntity;

  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid' })
  communityId: string;

  @Column({ type: 'uuid' })
  gridId: string;

  /** People to move: the register's count at issue. */
  @Column({ type: 'int' })
  personCount: number;

  @Column({ type: 'text' })
  state: TransferState;

  /** People sheltered or self-arranged, as counted. */
  @Column({ type: 'int', nullable: true })
  people: number | null;

  /** Where they are, while sheltered (occupancy counts them there). */
  @Column({ type: 'uuid', nullable: true })
  shelterId: string | null;

  @ManyToOne(() => ShelterEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'shelter_id' })
  shelter?: ShelterEntity;

  @Column({ type: 'uuid' })
  designatedShelterId: string;

  @Column({ type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  movingAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  shelteredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  selfArrangedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  refusedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  refuseReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}
