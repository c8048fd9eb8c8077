import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canSee,
  type CreateIncidentInput,
  type IncidentActionResult,
  type IncidentDetail,
  type IncidentListQuery,
  type IncidentSource,
  type Page,
  type Incident,
  type RevealedContact,
  PHOTO_MAX_PER_INCIDENT,
  type Severity,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { type CommandContext, Commands } from '../command/commands';
import { ApiException, forbidden, invalidField, notFound } from '../common/errors';
import { Db } from '../db/db';
import { isUniqueViolation } from '../db/sql-errors';
import { PhotosService, type PreparedPhoto, type UploadedFile } from '../storage/photos.service';
import { DeadlinesService } from './deadlines.service';
import { IncidentConfigRepository } from './incident-config.repository';
import { toIncidentDto, toStepDto } from './incident-dto';
import type { IncidentPhotoEntity } from './incident-photo.entity';
import { incidentJurisdiction, IncidentRecorder } from './incident-recorder';
import type { IncidentEntity } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';
import { LocationService, type ResolvedLocation } from './location.service';
import { shanghaiDate } from './working-time';

/** What a new incident needs once its location is resolved (from the API or an import row). */
export interface NewIncident {
  id?: string;
  location: ResolvedLocation;
  source: IncidentSource;
  category: string;
  severity: Severity;
  title: string;
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  hotlineTicket?: string | null;
  reportedAt: Date;
  deadline: Date | null;
  drillId: string | null;
  clientId?: string | null;
}

/** Reporting, reading and photos of incidents; the lifecycle actions are in IncidentActionsService. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly config: IncidentConfigRepository,
    private readonly location: LocationService,
    private readonly deadlines: DeadlinesService,
    private readonly photos: PhotosService,
    private readonly recorder: IncidentRecorder,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /**
   * A report, with its photos in the same request: either all of it is kept or none of it. With a
   * `clientId` the device already used, it answers the incident that report made (`replayed`), also
   * when both copies arrive at once, so a phone retrying after a lost answer never reports twice.
   */
  async create(
    actor: Actor,
    input: CreateIncidentInput,
    files: readonly UploadedFile[],
  ): Promise<{ result: IncidentActionResult; replayed: boolean }> {
    const earlier = input.clientId && (await this.repo.findByClientId(actor.userId!, input.clientId));
    if (earlier) return { result: await this.replay(earlier, input), replayed: true };
    await this.ensureCategory(input.category);
    const location = await this.location.resolve(input.location);
    await this.ensureWithinScope(actor, location);
    if (input.deadline && !this.policy.permits(actor, 'incident.dispatch')) throw forbidden();
    if (files.length > PHOTO_MAX_PER_INCIDENT) throw tooManyPhotos();
    const prepared = await this.photos.prepare(files);
    const now = this.clock.now();
    const id = randomUUID();
    const stored = await this.storePhotos(id, prepared, 'report', actor.userId, now);
    try {
      const result = await this.commands.run(actor, (ctx) =>
        this.insertNew(
          ctx,
          actor,
          {
            id,
            location,
            source: input.source,
            category: input.category,
            severity: input.severity,
            title: input.title,
            description: input.description,
            reporterName: input.reporterName,
            reporterPhone: input.reporterPhone,
            reportedAt: now,
            deadline: input.deadline ? new Date(input.deadline) : null,
            drillId: input.drillId,
            clientId: input.clientId,
          },
          stored,
        ),
      );
      return { result, replayed: false };
    } catch (e) {
      await this.photos.discard(stored);
      // A copy of this report committed first (the unique reporter + clientId index): answer it.
      const winner =
        input.clientId && isUniqueViolation(e) && (await this.repo.findByClientId(actor.userId!, input.clientId));
      if (winner) return { result: await this.replay(winner, input), replayed: true };
      throw e;
    }
  }

  /**
   * The incident an earlier copy of this report made, as it is now, with its report step. A copy with
   * another category or title (edited after a lost answer) is refused with that incident as `current`,
   * so the reporter learns the number of what was kept.
   */
  private async replay(i: IncidentEntity, input: CreateIncidentInput): Promise<IncidentActionResult> {
    const [photos, steps] = await Promise.all([this.repo.photosOf([i.id]), this.repo.steps(i.id)]);
    const incident = toIncidentDto(i, photos.get(i.id) ?? [], this.clock.now());
    if (i.category !== input.category || i.title !== input.title) {
      throw new ApiException(409, 'errors.client_id_taken', { current: incident });
    }
    return { incident, step: toStepDto(steps.find((s) => s.action === 'report')!) };
  }

  /** Inside a command: numbers the incident, sets its deadline from the rules, records the report. */
  async insertNew(
    ctx: CommandContext,
    actor: Actor,
    n: NewIncident,
    photos: IncidentPhotoEntity[] = [],
  ): Promise<IncidentActionResult> {
    const day = shanghaiDate(n.reportedAt).replaceAll('-', '');
    const seq = await this.repo.nextNumber(n.location.streetId, day);
    const deadline = n.deadline ?? (await this.deadlines.deadlineFor(n, n.reportedAt));
    const row = await this.repo.insert({
      ...(n.id ? { id: n.id } : {}),
      number: `SJ-${day}-${String(seq).padStart(4, '0')}`,
      ...n.location,
      source: n.source,
      category: n.category,
      severity: n.severity,
      title: n.title,
      description: n.description,
      state: 'reported',
      reporterName: n.reporterName,
      reporterPhone: n.reporterPhone,
      hotlineTicket: n.hotlineTicket ?? null,
      departmentIds: [],
      targetGridId: null,
      deadline,
      reportedAt: n.reportedAt,
      reportedById: actor.userId,
      reportedByName: actor.displayName,
      drillId: n.drillId,
      clientId: n.clientId ?? null,
    });
    await this.repo.insertPhotos(photos);
    return this.recorder.record(ctx, actor, null, row, {
      action: 'report',
      at: this.clock.now(),
      event: 'incident.created',
      detail: { source: n.source, ...(photos.length ? { photoIds: photos.map((p) => p.id) } : {}) },
      photos,
    });
  }

  async list(actor: Actor, q: IncidentListQuery): Promise<Page<Incident>> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q, { now, userId: actor.userId });
      const photos = await this.repo.photosOf(items.map((i) => i.id));
      return { items: items.map((i) => toIncidentDto(i, photos.get(i.id) ?? [], now)), total };
    });
    return { ...result, seq };
  }

  async counts(actor: Actor): Promise<{ byState: Record<string, number>; overdue: number; seq: number }> {
    const { result, seq } = await this.db.snapshot(() => this.repo.countByState(actor.scope, this.clock.now()));
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<IncidentDetail> {
    const i = await this.visible(actor, id);
    const [photos, steps] = await Promise.all([this.repo.photosOf([id]), this.repo.steps(id)]);
    return { ...toIncidentDto(i, photos.get(id) ?? [], this.clock.now()), timeline: steps.map(toStepDto) };
  }

  /** The reporter's contact and the description in clear text: only with `pii.reveal`, and always audited. */
  async reveal(actor: Actor, id: string): Promise<RevealedContact> {
    const i = await this.visible(actor, id);
    await this.policy.ensure(actor, 'pii.reveal', { type: 'incident', id });
    await this.commands.run(actor, async (ctx) => {
      ctx.audit({
        action: 'pii.reveal',
        objectType: 'incident',
        objectId: id,
        detail: { number: i.number, fields: ['reporterName', 'reporterPhone', 'description'] },
        streetId: i.streetId,
      });
    });
    return { reporterName: i.reporterName, reporterPhone: i.reporterPhone, description: i.description };
  }

  async addPhotos(
    actor: Actor,
    id: string,
    files: readonly UploadedFile[],
    kind: IncidentPhotoEntity['kind'],
  ): Promise<IncidentActionResult> {
    const i = await this.visible(actor, id);
    if (!this.policy.permits(actor, 'incident.report') && !this.policy.permits(actor, 'incident.handle')) {
      await this.policy.ensure(actor, 'incident.handle', { type: 'incident', id });
    }
    if (!files.length) throw invalidField('photos', 'required', '请选择照片 / Choose at least one photo');
    if ((await this.repo.countPhotos(id)) + files.length > PHOTO_MAX_PER_INCIDENT) throw tooManyPhotos();
    const prepared = await this.photos.prepare(files);
    const now = this.clock.now();
    const stored = await this.storePhotos(i.id, prepared, kind, actor.userId, now);
    try {
      return await this.commands.run(actor, async (ctx) => {
        const before = (await this.repo.findForUpdate(id))!;
        await this.repo.insertPhotos(stored);
        const after = await this.repo.update(id, before.version, {}, (c) => c);
        return this.recorder.record(ctx, actor, before, after, {
          action: 'photo',
          at: now,
          event: 'incident.changed',
          detail: { kind, photoIds: stored.map((p) => p.id) },
        });
      });
    } catch (e) {
      await this.photos.discard(stored);
      throw e;
    }
  }

  async photo(actor: Actor, id: string, photoId: string, thumb: boolean): Promise<{ data: Buffer; mime: string }> {
    await this.visible(actor, id);
    const p = await this.repo.findPhoto(id, photoId);
    const file = p && (await this.photos.read(p, thumb));
    if (!file) throw notFound();
    return file;
  }

  private async storePhotos(
    incidentId: string,
    prepared: PreparedPhoto[],
    kind: IncidentPhotoEntity['kind'],
    uploadedById: string | null,
    now: Date,
  ): Promise<IncidentPhotoEntity[]> {
    const stored = await this.photos.store(`incidents/${incidentId}`, prepared, now);
    return stored.map((p) => ({ ...p, incidentId, kind, uploadedById }));
  }

  /** The incident if this actor may see it; 404 otherwise (its existence is not confirmed). */
  async visible(actor: Actor, id: string): Promise<IncidentEntity> {
    const i = await this.repo.findById(id);
    if (!i) throw notFound();
    await this.policy.ensureVisible(actor, incidentJurisdiction(i), { type: 'incident', id });
    return i;
  }

  async ensureCategory(code: string, field = 'category'): Promise<void> {
    const c = await this.config.category(code);
    if (!c || !c.active) throw invalidField(field, 'unknown_category', `未知的事件类别 / Unknown category: ${code}`);
  }

  /**
   * A grid worker reports in their own grids, community staff in their communities: a place of their
   * street outside that is refused (403); another street's building, site or grid is not confirmed
   * to exist (404, audited), whatever the caller named it by.
   */
  async ensureWithinScope(actor: Actor, l: ResolvedLocation): Promise<void> {
    const j = {
      streetId: l.streetId,
      communityId: l.communityId,
      gridId: l.gridId,
      departmentIds: [],
      streetWide: false,
    };
    const place = {
      type: l.siteId ? 'site' : l.buildingId ? 'building' : 'grid',
      id: l.siteId ?? l.buildingId ?? l.gridId,
    };
    await this.policy.ensureVisible(actor, { ...j, streetWide: true }, place);
    if (!canSee(actor.scope, j)) throw new ApiException(403, 'errors.location_outside_scope');
  }
}

function tooManyPhotos(): ApiException {
  return new ApiException(413, 'errors.too_many_photos', {
    errors: [
      {
        field: 'photos',
        code: 'too_many',
        message: `每个事件最多 ${PHOTO_MAX_PER_INCIDENT} 张照片 / at most ${PHOTO_MAX_PER_INCIDENT} photos per incident`,
      },
    ],
  });
}
