import type { Severity, SummonsState, WhistleState } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';
import { JurisdictionEntity } from '../db/jurisdiction.entity';
import { StepColumns } from '../db/step.columns';

/**
 * 吹哨: blown on an incident by its grid. `departmentIds` lists every summoned department, so each
 * of them sees the whistle through the ordinary department scope.
 */
@Entity('whistle')
@Index(['streetId', 'state'])
@Index(['incidentId'])
@Index(['incidentId'], { unique: true, where: "state = 'open'" })
export class WhistleEntity extends JurisdictionEntity {
  @Column({ type: 'uuid' })
  incidentId: string;

  /** A copy of what a department needs to know of the incident (it may not see the incident). */
  @Column({ type: 'jsonb' })
  incidentSummary: {
    number: string;
    title: string;
    category: string;
    severity: Severity;
    address: string;
    lat: number | null;
    lng: number | null;
  };

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'int', default: 1 })
  level: number;

  @Column({ type: 'text' })
  state: WhistleState;

  @Column({ type: 'timestamptz' })
  blownAt: Date;

  @Column({ type: 'uuid', nullable: true })
  blownById: string | null;

  @Column({ type: 'text' })
  blownByName: string;

  @Column({ type: 'timestamptz' })
  resolveBy: Date;

  /** Set once when the resolve-by time passed with the whistle open. */
  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}

/** One department's part: 签收 → 报到 → 反馈, with its report-for-duty deadline. */
@Entity('whistle_summons')
@Index(['whistleId', 'departmentId'], { unique: true })
@Index(['departmentId', 'summonedAt'])
@Index(['deadline'], { where: "escalated_at IS NULL AND state IN ('summoned', 'acknowledged')" })
export class SummonsEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  whistleId: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'text' })
  departmentName: string;

  @Column({ type: 'int' })
  level: number;

  @Column({ type: 'text' })
  state: SummonsState;

  @Column({ type: 'timestamptz' })
  summonedAt: Date;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  acknowledgedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ type: 'double precision', nullable: true })
  arrivedLat: number | null;

  @Column({ type: 'double precision', nullable: true })
  arrivedLng: number | null;

  @Column({ type: 'text', nullable: true })
  arrivedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ type: 'boolean', nullable: true })
  resolved: boolean | null;

  /** Set once when the missed deadline was escalated to the leader on duty. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}

/** The whistle's timeline (its own steps and its summons' steps). */
@Entity('whistle_step')
@Index(['whistleId', 'at'])
export class WhistleStepEntity extends StepColumns {
  @Column({ type: 'uuid' })
  whistleId: string;

  @Column({ type: 'uuid', nullable: true })
  summonsId: string | null;
}
