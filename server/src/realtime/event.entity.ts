import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The append-only event log: the guarantee behind the live board. `seq` is taken from the sequence
 * `event_seq` inside COMMIT (migrations EventSeqAtCommit, EventSeqFromSequence; rows carry a
 * provisional negative seq until then). A reader settles holes with the commit fence (EventRelay).
 */
@Entity('event')
@Index(['streetId', 'seq'])
export class EventEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  payload: object;

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

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
