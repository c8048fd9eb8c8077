import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last incident number given per street per day. Taken with an upsert inside the creating
 * transaction: its row lock serialises concurrent reports, and a rollback gives the number back.
 */
@Entity('incident_counter')
export class IncidentCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  streetId: string;

  /** The Asia/Shanghai calendar day, YYYYMMDD. */
  @PrimaryColumn({ type: 'text' })
  day: string;

  @Column({ type: 'int' })
  last: number;
}
