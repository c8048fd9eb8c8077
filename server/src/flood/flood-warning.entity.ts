import type { Area, FloodWarningState, WarningLevel, WarningType } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

export interface CloseException {
  reason: string;
  byId: string | null;
  byName: string;
  at: string;
  households: number;
  people: number;
  taskIds: string[];
}

/** 防汛预警: street-wide; its scope is the street, some grids, or an area drawn on the map. */
@Entity('flood_warning')
@Index(['streetId', 'state'])
@Index(['streetId', 'issuedAt'])
export class FloodWarningEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'text' })
  type: WarningType;

  @Column({ type: 'text' })
  level: WarningLevel;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  scopeKind: 'street' | 'grids' | 'area';

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  gridIds: string[];

  @Column({ type: 'jsonb', nullable: true })
  area: Area | null;

  @Column({ type: 'text' })
  state: FloodWarningState;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  issuedById: string | null;

  @Column({ type: 'text' })
  issuedByName: string;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Closed with someone still unaccounted for: who allowed it, why, and who it was. */
  @Column({ type: 'jsonb', nullable: true })
  closeException: CloseException | null;

  /** Tasks created at issue, and the people in them. */
  @Column({ type: 'int', default: 0 })
  households: number;

  @Column({ type: 'int', default: 0 })
  people: number;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}
