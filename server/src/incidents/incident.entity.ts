import type { IncidentSource, IncidentState, Rating, Severity } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { JurisdictionEntity } from '../db/jurisdiction.entity';

/**
 * 事件/工单. Carries its jurisdiction (street, community, grid, and the departments it is currently
 * dispatched to) so one `scopeCondition` answers who may see it. Times that deadlines and statistics
 * key off are set from the board's Clock, not the database's now().
 */
@Entity('incident')
@Index(['streetId', 'number'], { unique: true })
@Index(['streetId', 'hotlineTicket'], { unique: true, where: 'hotline_ticket IS NOT NULL' })
@Index(['streetId', 'state'])
@Index(['gridId'])
@Index(['deadline'], { where: 'overdue_at IS NULL' })
@Index(['reportedById', 'clientId'], { unique: true, where: 'client_id IS NOT NULL' })
export class IncidentEntity extends JurisdictionEntity {
  @Column({ type: 'text' })
  number: string;

  /** Nullable, without a foreign key: buildings and sites live in the geo registry. */
  @Column({ type: 'uuid', nullable: true })
  buildingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'text' })
  source: IncidentSource;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  severity: Severity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  state: IncidentState;

  /** Personal data: only masked in API and events; clear text through the audited reveal. */
  @Column({ type: 'text', nullable: true })
  reporterName: string | null;

  @Column({ type: 'text', nullable: true })
  reporterPhone: string | null;

  @Column({ type: 'text', nullable: true })
  hotlineTicket: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', nullable: true })
  ownerName: string | null;

  /** Dispatched to its grid's workers (always the incident's own grid). */
  @Column({ type: 'uuid', nullable: true })
  targetGridId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  /** Set once when the scheduler raised `incident.overdue`: the durable "raised" flag. */
  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'int', default: 0 })
  supervisionCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastSupervisedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ type: 'text', nullable: true })
  rating: Rating | null;

  @Column({ type: 'timestamptz' })
  reportedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  reportedById: string | null;

  @Column({ type: 'text' })
  reportedByName: string;

  /** The reporting device's id for this report: a retried report answers this incident (unique per reporter). */
  @Column({ type: 'uuid', nullable: true })
  clientId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  drillId: string | null;
}
