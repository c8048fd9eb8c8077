import type { IntervalMonths } from '@gridboard/shared';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StreetEntity } from '../geo/street.entity';

/** A street's own inspection intervals by supervision grade; streets without a row use the defaults. */
@Entity('inspection_setting')
export class InspectionSettingEntity {
  @PrimaryColumn({ type: 'uuid' })
  streetId: string;

  @ManyToOne(() => StreetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'street_id' })
  street?: StreetEntity;

  @Column({ type: 'jsonb' })
  intervalMonths: IntervalMonths;

  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
