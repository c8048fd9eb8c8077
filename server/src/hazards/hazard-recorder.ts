import { Injectable } from '@nestjs/common';
import type { Hazard, HazardActionResult } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import type { CommandContext } from '../command/commands';
import { CampaignsRepository } from '../inspections/campaigns.repository';
import { toSiteStatusDto } from '../inspections/inspection-dto';
import { InspectionPhotosRepository } from '../inspections/inspection-photos.repository';
import { SupervisionRepository } from '../inspections/supervision.repository';
import { hazardJurisdiction, hazardPhotoIds, toHazardDto, toHazardStepDto } from './hazard-dto';
import type { HazardEntity } from './hazard.entity';
import { HazardsRepository } from './hazards.repository';

export interface HazardStepInput {
  action: string;
  at: Date;
  note?: string | null;
  detail?: Record<string, unknown>;
  event: 'hazard.changed' | 'hazard.overdue';
}

function summary(h: HazardEntity | null): object | null {
  return (
    h && {
      state: h.state,
      version: h.version,
      severity: h.severity,
      deadline: h.deadline.toISOString(),
      extensionCount: h.extensionCount,
      supervisionCount: h.supervisionCount,
    }
  );
}

/**
 * Every change of a hazard leaves the same traces inside its command: a timeline step, an audit row
 * and an event with the masked DTO and the site's new status (the board layer recolours from it).
 */
@Injectable()
export class HazardRecorder {
  constructor(
    private readonly repo: HazardsRepository,
    private readonly photos: InspectionPhotosRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly supervision: SupervisionRepository,
  ) {}

  async dtos(hs: readonly HazardEntity[], now: Date): Promise<Hazard[]> {
    const [photos, names] = await Promise.all([
      this.photos.byIds(hs.flatMap(hazardPhotoIds)),
      this.campaigns.namesById(hs.map((h) => h.campaignId)),
    ]);
    return hs.map((h) =>
      toHazardDto(h, { now, photos, campaignName: h.campaignId ? (names.get(h.campaignId) ?? null) : null }),
    );
  }

  async record(
    ctx: CommandContext,
    actor: Actor,
    before: HazardEntity | null,
    after: HazardEntity,
    s: HazardStepInput,
  ): Promise<HazardActionResult> {
    const step = await this.repo.insertStep({
      hazardId: after.id,
      at: s.at,
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      action: s.action,
      fromState: before?.state ?? null,
      toState: after.state,
      note: s.note ?? null,
      detail: s.detail ?? {},
    });
    const [hazard] = await this.dtos([after], s.at);
    const result = { hazard: hazard!, step: toHazardStepDto(step) };
    ctx.audit({
      action: `hazard.${s.action}`,
      objectType: 'hazard',
      objectId: after.id,
      before: summary(before),
      after: summary(after),
      detail: { number: after.number, siteId: after.siteId, ...s.detail },
      streetId: after.streetId,
    });
    const siteStatus = toSiteStatusDto((await this.supervision.siteStatusOf(after.siteId, s.at))!);
    ctx.emit(s.event, { ...result, siteStatus }, hazardJurisdiction(after), after.drillId);
    return result;
  }
}
