import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { InspectionPhotoEntity } from './inspection-photo.entity';

/** The only place with SQL for inspection photos. */
@Injectable()
export class InspectionPhotosRepository {
  constructor(private readonly db: Db) {}

  async insert(rows: InspectionPhotoEntity[]): Promise<void> {
    if (rows.length) await this.db.manager.insert(InspectionPhotoEntity, rows);
  }

  findById(id: string): Promise<InspectionPhotoEntity | null> {
    return this.db.manager.findOneBy(InspectionPhotoEntity, { id });
  }

  async byIds(ids: readonly string[]): Promise<Map<string, InspectionPhotoEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.db.manager
      .createQueryBuilder(InspectionPhotoEntity, 'p')
      .where('p.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((p) => [p.id, p]));
  }

  /**
   * Gives unclaimed photos of this uploader to a record or hazard; answers the ids it took. A photo
   * already claimed, or someone else's, is not taken (the caller refuses the request).
   */
  async claim(owner: { recordId: string } | { hazardId: string }, ids: readonly string[], uploadedById: string) {
    if (!ids.length) return [];
    const [column, ownerId] = 'recordId' in owner ? ['record_id', owner.recordId] : ['hazard_id', owner.hazardId];
    const [rows] = (await this.db.manager.query(
      `UPDATE inspection_photo SET ${column} = $1
       WHERE id = ANY($2) AND uploaded_by_id = $3 AND record_id IS NULL AND hazard_id IS NULL RETURNING id`,
      [ownerId, ids, uploadedById],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** Photos nobody claimed since `before` (abandoned drafts), a batch at a time. */
  unclaimed(before: Date, limit: number): Promise<InspectionPhotoEntity[]> {
    return this.db.manager
      .createQueryBuilder(InspectionPhotoEntity, 'p')
      .where('p.record_id IS NULL AND p.hazard_id IS NULL AND p.created_at < :before', { before })
      .orderBy('p.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Deletes those still unclaimed; answers the rows deleted. */
  async deleteUnclaimed(ids: readonly string[]): Promise<InspectionPhotoEntity[]> {
    if (!ids.length) return [];
    const [rows] = (await this.db.manager.query(
      `DELETE FROM inspection_photo WHERE id = ANY($1) AND record_id IS NULL AND hazard_id IS NULL
       RETURNING id, storage_key AS "storageKey", thumb_key AS "thumbKey"`,
      [ids],
    )) as [InspectionPhotoEntity[], number];
    return rows;
  }
}
