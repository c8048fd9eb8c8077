import { Column, Entity, Index } from 'typeorm';
import { TransitionStepColumns } from '../db/step.columns';

/** The timeline of a warning and its tasks, append-only: what the post-rain review (雨后复盘) reads. */
@Entity('flood_step')
@Index(['warningId', 'at'])
@Index(['taskId'])
@Index(['actorId', 'clientId'], { unique: true, where: 'client_id IS NOT NULL' })
export class FloodStepEntity extends TransitionStepColumns {
  @Column({ type: 'uuid' })
  warningId: string;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'int', nullable: true })
  people: number | null;

  @Column({ type: 'uuid', nullable: true })
  shelterId: string | null;

  /** The phone's id for a step (see TASK_ACTION_SCHEMAS): a resent copy answers this step. */
  @Column({ type: 'uuid', nullable: true })
  clientId: string | null;
}
