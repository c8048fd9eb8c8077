import { Injectable } from '@nestjs/common';
import {
  type ChecklistItem,
  type CreateHazardInput,
  type FieldError,
  type Hazard,
  type HazardActionResult,
  type HazardDetail,
  type HazardListQuery,
  type Page,
  type RecordHazardInput,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { type CommandContext, Commands } from '../command/commands';
import { ApiException, invalid, notFound } from '../common/errors';
import { Db } from '../db/db';
import type { SiteEntity } from '../geo/site.entity';
import { shanghaiDate } from '../incidents/working-time';
import { CampaignsRepository } from '../inspections/campaigns.repository';
import { CampaignsService } from '../inspections/campaigns.service';
import { InspectionPhotosRepository } from '../inspections/inspection-photos.repository';
import { recordJurisdiction, recordPhotoIds } from '../inspections/inspection-dto';
import { PlacesRepository } from '../inspections/places.repository';
import type { InspectionRecordEntity } from '../inspections/record.entity';
import { RecordsRepository } from '../inspections/records.repository';
import { TemplatesRepository } from '../inspections/templates.repository';
import { deadlineOf, defaultDeadline } from './deadlines';
import { hazardJurisdiction, toHazardStepDto } from './hazard-dto';
import { HazardRecorder } from './hazard-recorder';
import type { HazardEntity } from './hazard.entity';
import { HazardsRepository } from './hazards.repository';

/**
 * Problems with hazards raised from a record, each naming its field: an item that did not fail, an
 * item raised twice, a deadline already past, a photo that is not the record's (or the caller's).
 */
export function hazardProblems(
  inputs: readonly RecordHazardInput[],
  failed: readonly string[],
  photos: ReadonlySet<string>,
  now: Date,
  prefix = 'hazards',
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  inputs.forEach((h, i) => {
    const at = prefix ? `${prefix}[${i}]` : '';
    const field = (f: string) => (at ? `${at}.${f}` : f);
    if (h.itemKey !== null) {
      if (!failed.includes(h.itemKey)) {
        errors.push({
          field: field('itemKey'),
          code: 'not_failed',
          message: `该项未判定为不合格 / This item did not fail: ${h.itemKey}`,
        });
      } else if (seen.has(h.itemKey)) {
        errors.push({ field: field('itemKey'), code: 'duplicate', message: '同一项只能登记一个隐患 / Raised twice' });
      }
      seen.add(h.itemKey);
    }
    if (h.deadline && deadlineOf(h.deadline) <= now) {
      errors.push({ field: field('deadline'), code: 'in_past', message: '整改期限应晚于现在 / Must be in the future' });
    }
    h.photoIds.forEach((p, j) => {
      if (!photos.has(p)) {
        errors.push({
          field: field(`photoIds[${j}]`),
          code: 'not_found',
          message: '不是本次检查的照片 / Not a photo of this inspection',
        });
      }
    });
  });
  return errors;
}

/** Reading hazards, and raising them from inspection records (the lifecycle is in HazardActionsService). */
@Injectable()
export class HazardsService {
  constructor(
    private readonly repo: HazardsRepository,
    private readonly recorder: HazardRecorder,
    private readonly records: RecordsRepository,
    private readonly templates: TemplatesRepository,
    private readonly campaigns: CampaignsService,
    private readonly campaignRepo: CampaignsRepository,
    private readonly places: PlacesRepository,
    private readonly photos: InspectionPhotosRepository,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async list(actor: Actor, q: HazardListQuery): Promise<Page<Hazard>> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q, now, actor.userId);
      return { items: await this.recorder.dtos(items, now), total };
    });
    return { ...result, seq };
  }

  async counts(
    actor: Actor,
  ): Promise<{ byState: Record<string, number>; overdue: number; recurring: number; seq: number }> {
    const { result, seq } = await this.db.snapshot(() => this.repo.counts(actor.scope, this.clock.now()));
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<HazardDetail> {
    const h = await this.visible(actor, id);
    const [[hazard], steps] = await Promise.all([this.recorder.dtos([h], this.clock.now()), this.repo.steps(id)]);
    return { ...hazard!, timeline: steps.map(toHazardStepDto) };
  }

  /** The responsible person and phone in clear text: only with `pii.reveal`, and always audited. */
  async reveal(
    actor: Actor,
    id: string,
  ): Promise<{ id: string; responsibleContact: string | null; responsiblePhone: string | null }> {
    const h = await this.visible(actor, id);
    await this.policy.ensure(actor, 'pii.reveal', { type: 'hazard', id });
    await this.commands.run(actor, async (ctx) => {
      ctx.audit({
        action: 'pii.reveal',
        objectType: 'hazard',
        objectId: id,
        detail: { number: h.number, fields: ['responsibleContact', 'responsiblePhone'] },
        streetId: h.streetId,
      });
    });
    return { id, responsibleContact: h.responsibleContact, responsiblePhone: h.responsiblePhone };
  }

  /** The hazard if this actor may see it; 404 otherwise (its existence is not confirmed). */
  async visible(actor: Actor, id: string): Promise<HazardEntity> {
    const h = await this.repo.findById(id);
    if (!h) throw notFound();
    await this.policy.ensureVisible(actor, hazardJurisdiction(h), { type: 'hazard', id });
    return h;
  }

  /**
   * `POST /api/hazards`: a hazard raised after the visit from a failed item of a visible record (or a
   * finding outside the list), with the record's photos or fresh ones of the caller.
   */
  async create(actor: Actor, input: CreateHazardInput): Promise<HazardActionResult> {
    const record = await this.records.findById(input.recordId);
    if (!record)
      throw invalid([{ field: 'recordId', code: 'not_found', message: '没有这条检查记录 / No such record' }]);
    await this.policy.ensureVisible(actor, recordJurisdiction(record), { type: 'inspection_record', id: record.id });
    const version = (await this.templates.version(record.templateVersionId))!;
    const mine = [...(await this.photos.byIds(input.photoIds)).values()]
      .filter((p) => p.uploadedById === actor.userId && !p.recordId && !p.hazardId)
      .map((p) => p.id);
    const now = this.clock.now();
    const errors = hazardProblems([input], record.failedItems, new Set([...recordPhotoIds(record), ...mine]), now, '');
    if (errors.length) throw invalid(errors);
    const site = (await this.places.site(record.siteId))!;
    return this.commands.run(actor, async (ctx) => {
      const campaign = record.campaignId ? await this.campaignRepo.findForUpdate(record.campaignId) : null;
      await this.places.lockSite(site.id);
      const fresh = input.photoIds.filter((p) => mine.includes(p));
      const [h] = await this.raise(ctx, actor, record, site, [input], version.items, now, fresh);
      if (campaign) await this.campaigns.announceProgress(ctx, campaign);
      return h!;
    });
  }

  /**
   * Inside the record's command (campaign and site rows locked): numbers and writes each hazard,
   * flags it recurring when the site failed the same item before, and records its `found` step.
   * `claim` lists fresh photos (not the record's) that the new hazard takes.
   */
  async raise(
    ctx: CommandContext,
    actor: Actor,
    record: InspectionRecordEntity,
    site: SiteEntity,
    inputs: readonly RecordHazardInput[],
    items: readonly ChecklistItem[],
    now: Date,
    claim: readonly string[] = [],
  ): Promise<HazardActionResult[]> {
    const out: HazardActionResult[] = [];
    const day = shanghaiDate(now).replaceAll('-', '');
    for (const input of inputs) {
      const item = input.itemKey ? items.find((it) => it.key === input.itemKey) : undefined;
      const severity = input.severity ?? item?.hazardSeverity ?? 'medium';
      const deadline = input.deadline ? deadlineOf(input.deadline) : defaultDeadline(severity, now);
      const previous = await this.repo.previous({
        siteId: site.id,
        templateId: record.templateId,
        itemKey: input.itemKey,
        drillId: record.drillId,
      });
      const seq = await this.repo.nextNumber(record.streetId, day);
      const h = await this.repo
        .insert({
          number: `YH-${day}-${String(seq).padStart(4, '0')}`,
          streetId: record.streetId,
          communityId: record.communityId,
          gridId: record.gridId,
          departmentIds: record.departmentIds,
          siteId: site.id,
          siteName: site.name,
          siteType: site.type,
          address: site.address,
          lat: site.lat,
          lng: site.lng,
          campaignId: record.campaignId,
          recordId: record.id,
          templateId: input.itemKey ? record.templateId : null,
          itemKey: input.itemKey,
          itemLabel: item?.label ?? null,
          severity,
          description: input.description,
          responsibleParty: input.responsibleParty,
          responsibleContact: input.responsibleContact,
          responsiblePhone: input.responsiblePhone,
          deadline,
          originalDeadline: deadline,
          state: 'open',
          foundAt: now,
          foundById: actor.userId,
          foundByName: actor.displayName,
          photoIds: input.photoIds,
          recurring: previous !== null,
          previousHazardId: previous?.id ?? null,
          drillId: record.drillId,
        })
        .catch((e: unknown) => {
          // The same failed item of a record raised twice at the same moment: the unique index keeps one.
          if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') {
            throw new ApiException(409, 'errors.hazard_exists');
          }
          throw e;
        });
      const taken = input.photoIds.filter((p) => claim.includes(p));
      if ((await this.photos.claim({ hazardId: h.id }, taken, actor.userId ?? '')).length !== taken.length) {
        throw invalid([{ field: 'photoIds', code: 'in_use', message: '照片已被使用 / Photo already used' }]);
      }
      out.push(
        await this.recorder.record(ctx, actor, null, h, {
          action: 'found',
          at: now,
          note: input.description,
          detail: {
            recordId: record.id,
            itemKey: input.itemKey,
            deadline: deadline.toISOString(),
            ...(previous ? { recurring: true, previousHazardId: previous.id } : {}),
          },
          event: 'hazard.changed',
        }),
      );
    }
    return out;
  }
}
