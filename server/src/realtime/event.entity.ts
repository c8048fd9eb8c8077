import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The append-only event log: the guarantee behind the live board. `seq` is taken from `event_seq`
 * inside COMMIT (migration EventSeqAtCommit; rows carry a provisional negative seq until then), so
 * seq order equals commit order and has no gaps.
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

/** One row (id = 1) whose `last` is the latest committed seq; its row lock orders commits. */
@Entity('event_seq')
export class EventSeqEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'bigint' })
  last: string;
}
