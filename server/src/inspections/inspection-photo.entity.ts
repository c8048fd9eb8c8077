import type { PhotoMime } from '../storage/photos.service';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A photo uploaded from the phone page before the record or step that uses it: first its uploader's
 * alone, then as private as the record (or, for rectification photos, the hazard) that claimed it.
 * Unclaimed photos are deleted after UNUSED_PHOTO_TTL_HOURS.
 */
@Entity('inspection_photo')
@Index(['recordId'])
@Index(['hazardId'])
@Index(['createdAt'], { where: 'record_id IS NULL AND hazard_id IS NULL' })
export class InspectionPhotoEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  uploadedById: string;

  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  @Column({ type: 'uuid', nullable: true })
  hazardId: string | null;

  @Column({ type: 'text' })
  mime: PhotoMime;

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

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
