import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns of every timeline table (incident, whistle, flood, hazard steps): who took which step
 * when, with a note and the step's details. A step table adds the id of its item. Append-only by
 * convention: a timeline is a record of what happened.
 */
export abstract class StepColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
  note: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail: Record<string, unknown>;
}

/** A step of a state machine: also the state it left and the one it reached (null for side steps). */
export abstract class TransitionStepColumns extends StepColumns {
  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text', nullable: true })
  toState: string | null;
}
