import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A photo's metadata; the bytes live in PhotoStorage under `storageKey` (and its thumbnail). */
@Entity('incident_photo')
@Index(['incidentId'])
export class IncidentPhotoEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  /** report | result */
  @Column({ type: 'text' })
  kind: 'report' | 'result';

  @Column({ type: 'text' })
  mime: 'image/jpeg' | 'image/png' | 'image/webp';

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'text' })
  thumbKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
