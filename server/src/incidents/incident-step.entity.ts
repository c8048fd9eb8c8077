import { Column, Entity, Index } from 'typeorm';
import { TransitionStepColumns } from '../db/step.columns';

/** The timeline: one row per step (actor, time, action, note). Append-only by convention. */
@Entity('incident_step')
@Index(['incidentId', 'at'])
export class IncidentStepEntity extends TransitionStepColumns {
  @Column({ type: 'uuid' })
  incidentId: string;
}
