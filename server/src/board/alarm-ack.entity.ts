import type { AlarmKind } from '@gridboard/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One acknowledged alarm (issue 6): who silenced it and when; an alarm is acknowledged once. */
@Entity('alarm_ack')
@Index(['key'], { unique: true })
export class AlarmAckEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `${kind}:${itemId}` */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: AlarmKind;

  @Column({ type: 'uuid' })
  itemId: string;

  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid', nullable: true })
  communityId: string | null;

  @Column({ type: 'uuid', nullable: true })
  gridId: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  departmentIds: string[];

  @Column({ type: 'boolean', default: false })
  streetWide: boolean;

  @Column({ type: 'uuid' })
  byId: string;

  @Column({ type: 'text' })
  byName: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
