import { Injectable } from '@nestjs/common';
import {
  answerPasses,
  checkAnswers,
  type CreateRecordInput,
  distanceMeters,
  type FieldError,
  INSPECTION_PHOTO_MAX_PER_RECORD,
  type InspectionRecord,
  type Jurisdiction,
  type Page,
  type RecordListQuery,
  type RecordResult,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalid, invalidField, notFound } from '../common/errors';
import { Db } from '../db/db';
import { isUniqueViolation } from '../db/sql-errors';
import type { SiteEntity } from '../geo/site.entity';
import { HazardRecorder } from '../hazards/hazard-recorder';
import { hazardProblems, HazardsService } from '../hazards/hazards.service';
import { HazardsRepository } from '../hazards/hazards.repository';
import { shanghaiDate } from '../incidents/working-time';
import type { CampaignEntity } from './campaign.entity';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { recordJurisdiction, recordPhotoIds, toRecordDto, toSiteStatusDto } from './inspection-dto';
import { InspectionPhotosRepository } from './inspection-photos.repository';
import { PlacesRepository } from './places.repository';
import type { InspectionRecordEntity, StoredAnswer } from './record.entity';
import { RecordsRepository } from './records.repository';
import { SupervisionRepository } from './supervision.repository';
import type { TemplateVersionEntity } from './template.entity';
import { TemplatesRepository } from './templates.repository';

/** A form may be filled in offline and sent later, but not backdated further than this. */
const MAX_LATE_MS = 7 * 86_400_000;
/** Phone clocks run a little ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

interface Checked {
  site: SiteEntity;
  version: TemplateVersionEntity;
  campaign: CampaignEntity | null;
  answers: StoredAnswer[];
  failed: string[];
  inspectedAt: Date;
  photoIds: string[];
}

/**
 * 检查记录 from the phone page: a site, the checklist version it was filled in against, the answers
 * with photos and GPS, and the failed items turned into hazards, in one transaction. Idempotent by
 * the device's `clientId`: a retry (or a concurrent duplicate) answers the record already made.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly repo: RecordsRepository,
    private readonly templates: TemplatesRepository,
    private readonly campaignRepo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly places: PlacesRepository,
    private readonly photos: InspectionPhotosRepository,
    private readonly supervision: SupervisionRepository,
    private readonly hazards: HazardsService,
    private readonly hazardRepo: HazardsRepository,
    private readonly hazardRecorder: HazardRecorder,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** Answers the result and whether it is a replay of an earlier submission. */
  async submit(actor: Actor, input: CreateRecordInput): Promise<{ result: RecordResult; replayed: boolean }> {
    const earlier = await this.repo.findByClientId(actor.userId!, input.clientId);
    if (earlier) return { result: await this.replay(earlier, input), replayed: true };
    try {
      const c = await this.check(actor, input);
      const now = this.clock.now();
      const result = await this.commands.run(actor, async (ctx) => {
        // Campaign row first (its figures are announced in commit order), then the record: a
        // concurrent duplicate waits on the unique (inspector, clientId) index and then fails.
        const campaign = c.campaign && (await this.campaignRepo.findForUpdate(c.campaign.id));
        if (campaign && !(await this.campaignRepo.isTarget(campaign.id, c.site.id))) throw notInCampaign();
        const record = await this.repo.insert({
          clientId: input.clientId,
          streetId: c.site.streetId,
          communityId: c.site.communityId,
          gridId: c.site.gridId,
          departmentIds: campaign?.departmentIds ?? [],
          siteId: c.site.id,
          siteName: c.site.name,
          siteType: c.site.type,
          address: c.site.address,
          campaignId: campaign?.id ?? null,
          templateId: c.version.templateId,
          templateVersionId: c.version.id,
          answers: c.answers,
          result: c.failed.length || input.hazards.length ? 'fail' : 'pass',
          failedItems: c.failed,
          photoIds: input.photoIds,
          lat: input.lat,
          lng: input.lng,
          accuracy: input.accuracy,
          distanceM:
            input.lat !== null && input.lng !== null
              ? Math.round(distanceMeters({ lat: input.lat, lng: input.lng }, c.site))
              : null,
          inspectedAt: c.inspectedAt,
          submittedAt: now,
          inspectorId: actor.userId!,
          inspectorName: actor.displayName,
          note: input.note,
          drillId: input.drillId,
        });
        await this.places.lockSite(c.site.id);
        const claimed = await this.photos.claim({ recordId: record.id }, c.photoIds, actor.userId!);
        if (claimed.length !== c.photoIds.length) throw photosInUse();
        const raised = await this.hazards.raise(ctx, actor, record, c.site, input.hazards, c.version.items, now);
        const result = await this.present(
          record,
          raised.map((r) => r.hazard.id),
          c,
          campaign,
        );
        const hazards = raised.map((r) => r.hazard);
        ctx.audit({
          action: 'inspection.record',
          objectType: 'inspection_record',
          objectId: record.id,
          after: { result: record.result, failedItems: record.failedItems, hazards: hazards.map((h) => h.number) },
          detail: { siteId: record.siteId, campaignId: record.campaignId, templateVersionId: record.templateVersionId },
          streetId: record.streetId,
        });
        const siteStatus = toSiteStatusDto((await this.supervision.siteStatusOf(record.siteId, now))!);
        ctx.emit(
          'inspection.recorded',
          { record: result, hazards, siteStatus },
          recordJurisdiction(record),
          record.drillId,
        );
        if (campaign) await this.campaigns.announceProgress(ctx, campaign);
        return { record: result, hazards };
      });
      return { result, replayed: false };
    } catch (e) {
      // A concurrent duplicate committed first: this one then found its photos in use (400) or lost
      // the race on the unique (inspector, clientId) index. Either way, answer the winner's record.
      const lostRace = isUniqueViolation(e) || (e instanceof ApiException && e.getStatus() === 400);
      if (lostRace) {
        const winner = await this.repo.findByClientId(actor.userId!, input.clientId);
        if (winner) return { result: await this.replay(winner, input), replayed: true };
      }
      throw e;
    }
  }

  async list(actor: Actor, q: RecordListQuery): Promise<Page<InspectionRecord>> {
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q, actor.userId);
      return { items: await this.dtos(items), total };
    });
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<RecordResult> {
    const r = await this.visible(actor, id);
    const [record] = await this.dtos([r]);
    const found = (await this.hazardRepo.foundBy([id])).get(id) ?? [];
    return { record: record!, hazards: await this.hazardRecorder.dtos(found, this.clock.now()) };
  }

  async visible(actor: Actor, id: string): Promise<InspectionRecordEntity> {
    const r = await this.repo.findById(id);
    if (!r) throw notFound();
    await this.policy.ensureVisible(actor, recordJurisdiction(r), { type: 'inspection_record', id });
    return r;
  }

  /** Everything that can be refused is refused here, before the transaction, naming the field. */
  private async check(actor: Actor, input: CreateRecordInput): Promise<Checked> {
    const site = await this.places.site(input.siteId);
    if (!site) throw notFound();
    const campaign = input.campaignId ? await this.campaignRepo.findById(input.campaignId) : null;
    if (input.campaignId && (!campaign || campaign.streetId !== site.streetId)) {
      throw invalidField('campaignId', 'not_found', '本街道没有这个专项行动 / No such campaign on this street');
    }
    const j: Jurisdiction = {
      streetId: site.streetId,
      communityId: site.communityId,
      gridId: site.gridId,
      departmentIds: campaign?.departmentIds ?? [],
      streetWide: false,
    };
    // A department inspects only the targets of campaigns it joins; others, sites of their area.
    await this.policy.ensureVisible(actor, j, { type: 'site', id: site.id });
    const version = await this.templates.version(input.templateVersionId);
    const template = version && (await this.templates.findById(version.templateId));
    if (!version || !template || template.streetId !== site.streetId) {
      throw invalidField('templateVersionId', 'not_found', '本街道没有这个检查表版本 / No such checklist version');
    }
    const now = this.clock.now();
    const inspectedAt = input.inspectedAt ? new Date(input.inspectedAt) : now;
    if (inspectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS || inspectedAt.getTime() < now.getTime() - MAX_LATE_MS) {
      throw invalidField('inspectedAt', 'out_of_range', '检查时间须在 7 天内 / Within the last 7 days');
    }
    if (campaign) {
      if (!(await this.campaignRepo.isTarget(campaign.id, site.id))) throw notInCampaign();
      const day = shanghaiDate(inspectedAt);
      if (day < campaign.startsOn || day > campaign.endsOn) {
        throw invalidField(
          'campaignId',
          'not_running',
          `专项行动期间为 ${campaign.startsOn} 至 ${campaign.endsOn} / The campaign runs ${campaign.startsOn} – ${campaign.endsOn}`,
        );
      }
    }
    const problems: FieldError[] = checkAnswers(version.items, input.answers);
    const answers: StoredAnswer[] = input.answers.map((a) => {
      const item = version.items.find((it) => it.key === a.itemKey);
      return {
        itemKey: a.itemKey,
        label: item?.label ?? a.itemKey,
        kind: item?.kind ?? 'text',
        value: a.value,
        passed: item ? answerPasses(item, a.value) : null,
        note: a.note,
        photoIds: a.photoIds,
      };
    });
    const failed = answers.filter((a) => a.passed === false).map((a) => a.itemKey);
    const submitted = recordPhotoIds({ answers, photoIds: input.photoIds });
    const photoIds = [...new Set([...submitted, ...input.hazards.flatMap((h) => h.photoIds)])];
    problems.push(...hazardProblems(input.hazards, failed, new Set(photoIds), now));
    if (photoIds.length > INSPECTION_PHOTO_MAX_PER_RECORD) {
      problems.push({
        field: 'photoIds',
        code: 'too_many',
        message: `每条记录最多 ${INSPECTION_PHOTO_MAX_PER_RECORD} 张照片 / at most ${INSPECTION_PHOTO_MAX_PER_RECORD} photos`,
      });
    }
    const uploaded = await this.photos.byIds(photoIds);
    for (const id of photoIds) {
      const p = uploaded.get(id);
      // Someone else's photo is as unknown as a photo that does not exist.
      const mine = p?.uploadedById === actor.userId;
      if (!mine || p.recordId || p.hazardId) {
        problems.push({
          field: `photos.${id}`,
          code: mine ? 'in_use' : 'not_found',
          message: mine ? '照片已被使用 / Photo already used' : '请先上传照片 / Upload the photo first',
        });
      }
    }
    if (problems.length) throw invalid(problems);
    return { site, version, campaign, answers, failed, inspectedAt, photoIds };
  }

  /** The earlier submission's result, as it is now (the same record and hazards). */
  private async replay(r: InspectionRecordEntity, input: CreateRecordInput): Promise<RecordResult> {
    if (r.siteId !== input.siteId || r.templateVersionId !== input.templateVersionId) {
      throw new ApiException(409, 'errors.client_id_taken');
    }
    const [record] = await this.dtos([r]);
    const found = (await this.hazardRepo.foundBy([r.id])).get(r.id) ?? [];
    return { record: record!, hazards: await this.hazardRecorder.dtos(found, this.clock.now()) };
  }

  private async present(
    r: InspectionRecordEntity,
    hazardIds: string[],
    c: Checked,
    campaign: CampaignEntity | null,
  ): Promise<InspectionRecord> {
    const template = (await this.templates.findById(c.version.templateId))!;
    return toRecordDto(r, {
      photos: await this.photos.byIds(recordPhotoIds(r)),
      templateName: template.name,
      templateVersion: c.version.number,
      campaignName: campaign?.name ?? null,
      hazardIds,
    });
  }

  private async dtos(rs: InspectionRecordEntity[]): Promise<InspectionRecord[]> {
    const [photos, versions, templates, campaigns, hazards] = await Promise.all([
      this.photos.byIds(rs.flatMap(recordPhotoIds)),
      this.templates.versionsById(rs.map((r) => r.templateVersionId)),
      this.templates.namesById(rs.map((r) => r.templateId)),
      this.campaignRepo.namesById(rs.map((r) => r.campaignId)),
      this.hazardRepo.foundBy(rs.map((r) => r.id)),
    ]);
    return rs.map((r) =>
      toRecordDto(r, {
        photos,
        templateName: templates.get(r.templateId) ?? '',
        templateVersion: versions.get(r.templateVersionId)?.number ?? 0,
        campaignName: r.campaignId ? (campaigns.get(r.campaignId) ?? null) : null,
        hazardIds: (hazards.get(r.id) ?? []).map((h) => h.id),
      }),
    );
  }
}

function notInCampaign(): ApiException {
  return invalidField('siteId', 'not_in_campaign', '该场所不在专项行动的检查范围内 / Not a target of the campaign');
}

function photosInUse(): ApiException {
  return invalidField('photoIds', 'in_use', '照片已被使用 / Photo already used');
}
