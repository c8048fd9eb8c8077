import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The timeline of a warning and its tasks, append-only: what the post-rain review (雨后复盘) reads. */
@Entity('flood_step')
@Index(['warningId', 'at'])
@Index(['taskId'])
export class FloodStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  warningId: string;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorName: string;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text', nullable: true })
  toState: string | null;

  @Column({ type: 'int', nullable: true })
  people: number | null;

  @Column({ type: 'uuid', nullable: true })
  shelterId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail: Record<string, unknown>;
}
