import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type InspectionPhoto, PHOTO_MAX_PER_REQUEST, UNUSED_PHOTO_TTL_HOURS } from '@gridboard/shared';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalidField, notFound } from '../common/errors';
import { hazardJurisdiction } from '../hazards/hazard-dto';
import { HazardsRepository } from '../hazards/hazards.repository';
import { Scheduler } from '../scheduler/scheduler';
import { PhotosService, type UploadedFile } from '../storage/photos.service';
import { recordJurisdiction, toPhotoDto } from './inspection-dto';
import type { InspectionPhotoEntity } from './inspection-photo.entity';
import { InspectionPhotosRepository } from './inspection-photos.repository';
import { RecordsRepository } from './records.repository';

const CLEANUP_BATCH = 200;

/**
 * Photos for the phone page: uploaded one at a time as they are taken (a dropped connection loses
 * at most the one in flight), then named by id in the record or step that uses them. Until then a
 * photo is its uploader's alone; afterwards it is as private as its record or hazard.
 */
@Injectable()
export class InspectionPhotosService implements OnModuleInit {
  constructor(
    private readonly repo: InspectionPhotosRepository,
    private readonly storage: PhotosService,
    private readonly records: RecordsRepository,
    private readonly hazards: HazardsRepository,
    private readonly scheduler: Scheduler,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('inspection.photos.cleanup', async (now) => {
      await this.cleanup(now);
    });
  }

  async upload(actor: Actor, files: readonly UploadedFile[]): Promise<{ photos: InspectionPhoto[] }> {
    if (!files.length) throw invalidField('photos', 'required', '请选择照片 / Choose at least one photo');
    if (files.length > PHOTO_MAX_PER_REQUEST) {
      throw new ApiException(413, 'errors.too_many_photos', {
        errors: [
          {
            field: 'photos',
            code: 'too_many',
            message: `最多 ${PHOTO_MAX_PER_REQUEST} 张 / at most ${PHOTO_MAX_PER_REQUEST}`,
          },
        ],
      });
    }
    const prepared = await this.storage.prepare(files);
    const now = this.clock.now();
    const stored = await this.storage.store(`inspections/${actor.userId}`, prepared, now);
    const rows: InspectionPhotoEntity[] = stored.map((p) => ({
      ...p,
      uploadedById: actor.userId!,
      recordId: null,
      hazardId: null,
    }));
    try {
      await this.commands.run(actor, async (ctx) => {
        await this.repo.insert(rows);
        ctx.audit({
          action: 'inspection.photo.upload',
          objectType: 'inspection_photo',
          objectId: rows[0]!.id,
          detail: { photoIds: rows.map((r) => r.id), bytes: rows.reduce((s, r) => s + r.size, 0) },
        });
      });
    } catch (e) {
      await this.storage.discard(rows);
      throw e;
    }
    return { photos: rows.map(toPhotoDto) };
  }

  /** The photo, if the caller uploaded it or may see the record or hazard it belongs to; 404 otherwise. */
  async read(actor: Actor, id: string, thumb: boolean): Promise<{ data: Buffer; mime: string }> {
    const p = await this.repo.findById(id);
    if (!p) throw notFound();
    const owner = p.recordId
      ? await this.records.findById(p.recordId).then((r) => r && recordJurisdiction(r))
      : p.hazardId
        ? await this.hazards.findById(p.hazardId).then((h) => h && hazardJurisdiction(h))
        : null;
    if (owner) await this.policy.ensureVisible(actor, owner, { type: 'inspection_photo', id });
    else if (p.uploadedById !== actor.userId) throw notFound();
    const file = await this.storage.read(p, thumb);
    if (!file) throw notFound();
    return file;
  }

  /** Deletes photos nobody used within UNUSED_PHOTO_TTL_HOURS (drafts abandoned on a phone). */
  async cleanup(now: Date): Promise<number> {
    const stale = await this.repo.unclaimed(
      new Date(now.getTime() - UNUSED_PHOTO_TTL_HOURS * 3_600_000),
      CLEANUP_BATCH,
    );
    if (!stale.length) return 0;
    const deleted = await this.commands.run(SYSTEM_ACTOR, async (ctx) => {
      const rows = await this.repo.deleteUnclaimed(stale.map((p) => p.id));
      if (rows.length) {
        ctx.audit({
          action: 'inspection.photo.cleanup',
          objectType: 'inspection_photo',
          detail: { photoIds: rows.map((r) => r.id) },
        });
      }
      return rows;
    });
    await this.storage.discard(deleted);
    return deleted.length;
  }
}
