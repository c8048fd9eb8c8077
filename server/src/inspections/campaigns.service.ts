import { Injectable } from '@nestjs/common';
import type {
  Campaign,
  CampaignListQuery,
  CampaignProgressDetail,
  CreateCampaignInput,
  FieldError,
  Page,
  UpdateCampaignInput,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { type CommandContext, Commands } from '../command/commands';
import { invalid, invalidField, notFound, versionConflict } from '../common/errors';
import { streetOf } from '../common/params';
import { Db } from '../db/db';
import { shanghaiDate } from '../incidents/working-time';
import type { CampaignEntity } from './campaign.entity';
import { CampaignsRepository } from './campaigns.repository';
import { NO_PROGRESS, streetWideJurisdiction, toCampaignDto } from './inspection-dto';
import { PlacesRepository } from './places.repository';
import { TemplatesRepository } from './templates.repository';

const TARGETING = ['siteTypes', 'nineSmall', 'gridIds'] as const;

/**
 * 专项行动: campaigns over a street's sites with a checklist and joint departments. Target sites are
 * computed when a campaign is created or retargeted; its figures (progress) are live.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly templates: TemplatesRepository,
    private readonly places: PlacesRepository,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async create(actor: Actor, input: CreateCampaignInput): Promise<Campaign> {
    const streetId = streetOf(actor, input.streetId);
    if (!(await this.places.streetExists(streetId))) {
      throw invalidField('streetId', 'not_found', '没有这个街道 / No such street');
    }
    await this.ensureReferences(streetId, input);
    return this.commands.run(actor, async (ctx) => {
      const c = await this.repo.insert({
        streetId,
        name: input.name,
        type: input.type,
        description: input.description,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        siteTypes: input.siteTypes,
        nineSmall: input.nineSmall,
        gridIds: input.gridIds,
        departmentIds: input.departmentIds,
        templateId: input.templateId,
        createdById: actor.userId,
        createdByName: actor.displayName,
        drillId: input.drillId,
      });
      const targeted = await this.repo.retarget(c);
      return this.recorded(ctx, 'inspection.campaign.create', c, { targeted });
    });
  }

  async update(actor: Actor, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const seen = await this.visible(actor, id);
    await this.ensureReferences(seen.streetId, input);
    return this.commands.run(actor, async (ctx) => {
      const before = (await this.repo.findForUpdate(id))!;
      if (before.version !== input.version) throw versionConflict(await this.dto(before));
      const { version, ...patch } = input;
      const startsOn = patch.startsOn ?? before.startsOn;
      const endsOn = patch.endsOn ?? before.endsOn;
      if (endsOn < startsOn)
        throw invalidField('endsOn', 'before_start', '结束日期早于开始日期 / Ends before it starts');
      const after = await this.repo.update(id, version, patch, () => null);
      // Targeting sent (even unchanged) recomputes the targets: sites registered since then join.
      const retargeted = TARGETING.some((k) => patch[k] !== undefined);
      const targeted = retargeted ? await this.repo.retarget(after) : undefined;
      const rescoped =
        patch.departmentIds && JSON.stringify(patch.departmentIds) !== JSON.stringify(before.departmentIds);
      if (rescoped) await this.repo.rescope(id, after.departmentIds);
      return this.recorded(ctx, 'inspection.campaign.update', after, {
        changed: Object.keys(patch),
        ...(targeted !== undefined ? { targeted } : {}),
        ...(rescoped ? { previousDepartmentIds: before.departmentIds } : {}),
      });
    });
  }

  async list(actor: Actor, q: CampaignListQuery): Promise<Page<Campaign>> {
    const today = shanghaiDate(this.clock.now());
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q, today);
      return { items: await this.dtos(items), total };
    });
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<Campaign> {
    return this.dto(await this.visible(actor, id));
  }

  async progress(actor: Actor, id: string): Promise<CampaignProgressDetail> {
    await this.visible(actor, id);
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(async () => ({
      progress: (await this.repo.progress([id], now)).get(id) ?? NO_PROGRESS,
      byGrid: await this.repo.byGrid(id),
    }));
    return { campaignId: id, ...result, seq };
  }

  async visible(actor: Actor, id: string): Promise<CampaignEntity> {
    const c = await this.repo.findById(id);
    if (!c) throw notFound();
    await this.policy.ensureVisible(actor, streetWideJurisdiction(c.streetId, c.departmentIds), {
      type: 'inspection_campaign',
      id,
    });
    return c;
  }

  /** Inside a command that changed a campaign's figures (the campaign row is locked): announce them. */
  async announceProgress(ctx: CommandContext, c: CampaignEntity): Promise<void> {
    const progress = (await this.repo.progress([c.id], this.clock.now())).get(c.id) ?? NO_PROGRESS;
    ctx.emit(
      'campaign.progress',
      { campaignId: c.id, streetId: c.streetId, progress },
      streetWideJurisdiction(c.streetId, c.departmentIds),
      c.drillId,
    );
  }

  private async dto(c: CampaignEntity): Promise<Campaign> {
    return (await this.dtos([c]))[0]!;
  }

  private async dtos(cs: CampaignEntity[]): Promise<Campaign[]> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const [progress, templates, departments] = await Promise.all([
      this.repo.progress(
        cs.map((c) => c.id),
        now,
      ),
      this.templates.namesById(cs.map((c) => c.templateId)),
      this.places.departmentNames([...new Set(cs.flatMap((c) => c.departmentIds))]),
    ]);
    return cs.map((c) =>
      toCampaignDto(c, {
        today,
        templateName: templates.get(c.templateId) ?? '',
        departments,
        progress: progress.get(c.id) ?? NO_PROGRESS,
      }),
    );
  }

  private async recorded(
    ctx: CommandContext,
    action: string,
    c: CampaignEntity,
    detail: Record<string, unknown>,
  ): Promise<Campaign> {
    const campaign = await this.dto(c);
    ctx.audit({
      action,
      objectType: 'inspection_campaign',
      objectId: c.id,
      after: { name: c.name, startsOn: c.startsOn, endsOn: c.endsOn, departmentIds: c.departmentIds },
      detail,
      streetId: c.streetId,
    });
    const j = streetWideJurisdiction(c.streetId, c.departmentIds);
    ctx.emit('campaign.changed', { campaign }, j, c.drillId);
    if ('targeted' in detail) {
      ctx.emit(
        'campaign.progress',
        { campaignId: c.id, streetId: c.streetId, progress: campaign.progress },
        j,
        c.drillId,
      );
    }
    return campaign;
  }

  /** The template, grids and departments named must be the street's: 400 naming each one that is not. */
  private async ensureReferences(
    streetId: string,
    input: { templateId?: string; gridIds?: string[]; departmentIds?: string[] },
  ): Promise<void> {
    const errors: FieldError[] = [];
    const notOurs = '不是本街道的 / Not of this street';
    if (input.templateId) {
      const t = await this.templates.findById(input.templateId);
      if (!t || t.streetId !== streetId) errors.push({ field: 'templateId', code: 'not_found', message: notOurs });
    }
    const grids = await this.places.grids(streetId, input.gridIds ?? []);
    (input.gridIds ?? []).forEach((id, i) => {
      if (!grids.some((g) => g.id === id)) errors.push({ field: `gridIds[${i}]`, code: 'not_found', message: notOurs });
    });
    const depts = await this.places.departments(streetId, input.departmentIds ?? []);
    (input.departmentIds ?? []).forEach((id, i) => {
      if (!depts.some((d) => d.id === id)) {
        errors.push({ field: `departmentIds[${i}]`, code: 'not_found', message: notOurs });
      }
    });
    if (errors.length) throw invalid(errors);
  }
}
