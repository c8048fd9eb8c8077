import { Injectable } from '@nestjs/common';
import {
  checkTransition,
  HAZARD_ACTION_SCHEMAS,
  type HazardAction,
  type HazardActionResult,
  hazardWorkflow,
} from '@gridboard/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalid, invalidField, versionConflict } from '../common/errors';
import { parse } from '../common/validation';
import { ensureTransition, knownAction } from '../common/workflow-check';
import { CampaignsRepository } from '../inspections/campaigns.repository';
import { CampaignsService } from '../inspections/campaigns.service';
import { InspectionPhotosRepository } from '../inspections/inspection-photos.repository';
import { recordPhotoIds } from '../inspections/inspection-dto';
import { PlacesRepository } from '../inspections/places.repository';
import type { InspectionRecordEntity } from '../inspections/record.entity';
import { RecordsRepository } from '../inspections/records.repository';
import { deadlineOf } from './deadlines';
import { HazardRecorder } from './hazard-recorder';
import type { HazardEntity } from './hazard.entity';
import { HazardsRepository } from './hazards.repository';
import { HazardsService } from './hazards.service';

type Input<A extends HazardAction> = z.infer<(typeof HAZARD_ACTION_SCHEMAS)[A]>;
type Effect = { patch: Partial<HazardEntity>; note: string | null; detail: Record<string, unknown> };

/**
 * The hazard lifecycle: the shared workflow decides state and role (409 / 403 / 400), the conditions
 * it names are checked here — 销号 only with a re-inspection record of the site, made after the
 * rectification by someone other than the finder, with photos; one extension request at a time.
 */
@Injectable()
export class HazardActionsService {
  constructor(
    private readonly repo: HazardsRepository,
    private readonly hazards: HazardsService,
    private readonly records: RecordsRepository,
    private readonly photos: InspectionPhotosRepository,
    private readonly campaignRepo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly places: PlacesRepository,
    private readonly recorder: HazardRecorder,
    private readonly commands: Commands,
    private readonly clock: Clock,
  ) {}

  async act(actor: Actor, id: string, action: string, body: unknown): Promise<HazardActionResult> {
    const seen = await this.hazards.visible(actor, id);
    const a = knownAction(HAZARD_ACTION_SCHEMAS, action) as HazardAction;
    const input = parse(HAZARD_ACTION_SCHEMAS[a], body);
    try {
      return await this.commands.run(actor, async (ctx) => {
        // Lock order everywhere: campaign, site, hazard.
        const campaign = seen.campaignId ? await this.campaignRepo.findForUpdate(seen.campaignId) : null;
        await this.places.lockSite(seen.siteId);
        const before = (await this.repo.findForUpdate(id))!;
        const now = this.clock.now();
        if (before.version !== input.version) {
          throw versionConflict((await this.recorder.dtos([before], now))[0]);
        }
        this.checkWorkflow(actor, before, a, input);
        const { patch, note, detail } = await this.effect(a, actor, before, input, now);
        const after = await this.repo.update(id, input.version, patch, () => null);
        const result = await this.recorder.record(ctx, actor, before, after, {
          action: a,
          at: now,
          note,
          detail,
          event: 'hazard.changed',
        });
        const figures = after.state !== before.state || after.deadline.getTime() !== before.deadline.getTime();
        if (campaign && figures) await this.campaigns.announceProgress(ctx, campaign);
        return result;
      });
    } catch (e) {
      if (e instanceof ApiException && e.getStatus() === 403) {
        await this.commands.recordOutcome(actor, {
          action: `hazard.${a}`,
          objectType: 'hazard',
          objectId: id,
          result: 'denied',
          detail: { code: e.code },
          streetId: seen.streetId,
        });
      }
      throw e;
    }
  }

  /** Closing without a re-inspection record gets its own reason, not a bare "required". */
  private checkWorkflow(actor: Actor, h: HazardEntity, a: HazardAction, input: object): void {
    const r = checkTransition(hazardWorkflow, h.state, a, actor.role, input as Record<string, unknown>);
    if (!r.ok && r.reason === 'missing_fields' && a === 'recheck_pass') {
      throw new ApiException(400, 'errors.recheck_required', {
        errors: [{ field: 'recordId', code: 'required', message: '销号须附一条复查记录 / A re-inspection record' }],
      });
    }
    ensureTransition(hazardWorkflow, h.state, a, actor, input);
  }

  private async effect(
    a: HazardAction,
    actor: Actor,
    h: HazardEntity,
    input: Input<HazardAction>,
    now: Date,
  ): Promise<Effect> {
    switch (a) {
      case 'start_rectification':
        return {
          patch: { state: 'rectifying' },
          note: (input as Input<'start_rectification'>).note ?? null,
          detail: {},
        };
      case 'submit_rectification': {
        const x = input as Input<'submit_rectification'>;
        const taken = await this.photos.claim({ hazardId: h.id }, x.photoIds, actor.userId ?? '');
        const missing = x.photoIds.filter((p) => !taken.includes(p));
        if (missing.length) {
          throw invalid(
            missing.map((p) => ({
              field: `photoIds[${x.photoIds.indexOf(p)}]`,
              code: 'not_found',
              message: '请先上传照片（未被使用的本人照片）/ Upload the photo first',
            })),
          );
        }
        return {
          patch: {
            state: 'awaiting_recheck',
            rectificationNote: x.note,
            rectificationPhotoIds: [...h.rectificationPhotoIds, ...x.photoIds],
            submittedAt: now,
          },
          note: x.note,
          detail: x.photoIds.length ? { photoIds: x.photoIds } : {},
        };
      }
      case 'recheck_pass': {
        const x = input as Input<'recheck_pass'>;
        const record = await this.recheckRecord(h, x.recordId!, 'recordId');
        if (record.inspectorId === h.foundById) throw new ApiException(409, 'errors.recheck_same_user');
        if (!recordPhotoIds(record).length) throw new ApiException(409, 'errors.recheck_no_photo');
        const again = record.answers.find((ans) => ans.itemKey === h.itemKey);
        if (h.itemKey && record.templateId === h.templateId && again?.passed === false) {
          throw new ApiException(409, 'errors.recheck_item_failed');
        }
        return {
          patch: {
            state: 'closed',
            recheckRecordId: record.id,
            recheckedByName: record.inspectorName,
            closedAt: now,
            extensionRequest: null,
          },
          note: x.note ?? null,
          detail: { recordId: record.id, recheckedBy: record.inspectorName, onTime: now <= h.deadline },
        };
      }
      case 'recheck_fail': {
        const x = input as Input<'recheck_fail'>;
        if (x.recordId) await this.recheckRecord(h, x.recordId, 'recordId');
        const deadline = x.deadline
          ? this.later(x.deadline, now, 'deadline', '须晚于现在 / Must be in the future')
          : null;
        return {
          patch: { state: 'rectifying', ...(deadline ? { deadline, overdueAt: null } : {}) },
          note: x.note,
          detail: { ...(x.recordId ? { recordId: x.recordId } : {}), ...(deadline ? { deadline } : {}) },
        };
      }
      case 'request_extension': {
        const x = input as Input<'request_extension'>;
        if (h.extensionRequest) throw new ApiException(409, 'errors.extension_pending');
        const until = this.later(x.until, h.deadline, 'until');
        return {
          patch: {
            extensionRequest: {
              until: until.toISOString(),
              reason: x.reason,
              requestedById: actor.userId,
              requestedByName: actor.displayName,
              requestedAt: now.toISOString(),
            },
          },
          note: x.reason,
          detail: { until: until.toISOString(), deadline: h.deadline.toISOString() },
        };
      }
      case 'approve_extension': {
        const req = this.pending(h);
        // A new deadline: the overdue notice may be sent again if this one passes too.
        return {
          patch: {
            deadline: new Date(req.until),
            extensionCount: h.extensionCount + 1,
            extensionRequest: null,
            overdueAt: null,
          },
          note: (input as Input<'approve_extension'>).note ?? null,
          detail: { from: h.deadline.toISOString(), until: req.until, extensions: h.extensionCount + 1 },
        };
      }
      case 'reject_extension': {
        const req = this.pending(h);
        return {
          patch: { extensionRequest: null },
          note: (input as Input<'reject_extension'>).note,
          detail: { until: req.until },
        };
      }
      case 'supervise':
        return {
          patch: { supervisionCount: h.supervisionCount + 1, lastSupervisedAt: now },
          note: (input as Input<'supervise'>).note,
          detail: {},
        };
    }
  }

  /** A re-inspection record: of this site, made after the rectification was submitted. */
  private async recheckRecord(h: HazardEntity, recordId: string, field: string): Promise<InspectionRecordEntity> {
    const record = await this.records.findById(recordId);
    if (!record) throw invalidField(field, 'not_found', '没有这条检查记录 / No such record');
    if (record.siteId !== h.siteId) throw new ApiException(409, 'errors.recheck_wrong_site');
    if (record.id === h.recordId || (h.submittedAt && record.submittedAt < h.submittedAt)) {
      throw new ApiException(409, 'errors.recheck_stale');
    }
    return record;
  }

  private pending(h: HazardEntity): NonNullable<HazardEntity['extensionRequest']> {
    if (!h.extensionRequest) throw new ApiException(409, 'errors.no_extension_pending');
    return h.extensionRequest;
  }

  private later(
    value: string,
    than: Date,
    field: string,
    message = '须晚于当前整改期限 / Must be after the current deadline',
  ): Date {
    const d = deadlineOf(value);
    if (d <= than) throw invalidField(field, 'not_later', message);
    return d;
  }
}
