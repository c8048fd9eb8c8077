import { Injectable } from '@nestjs/common';
import type { IncidentActionResult, Jurisdiction } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import type { CommandContext } from '../command/commands';
import { toIncidentDto, toStepDto } from './incident-dto';
import type { IncidentPhotoEntity } from './incident-photo.entity';
import type { IncidentEntity } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';

export function incidentJurisdiction(i: IncidentEntity, alsoDepartments: readonly string[] = []): Jurisdiction {
  return {
    streetId: i.streetId,
    communityId: i.communityId,
    gridId: i.gridId,
    departmentIds: [...new Set([...i.departmentIds, ...alsoDepartments])],
    streetWide: false,
  };
}

function summary(i: IncidentEntity): object {
  return {
    state: i.state,
    version: i.version,
    ownerId: i.ownerId,
    departmentIds: i.departmentIds,
    targetGridId: i.targetGridId,
    deadline: i.deadline,
  };
}

export interface StepInput {
  action: string;
  at: Date;
  note?: string | null;
  detail?: Record<string, unknown>;
  event: 'incident.created' | 'incident.changed' | 'incident.overdue';
  /**
   * All of the incident's photos, when the caller holds them: a new report's own, stored in upload
   * order, which is the order `photosOf` reads them in. Saves that read.
   */
  photos?: IncidentPhotoEntity[];
}

/**
 * Every change of an incident leaves the same three traces inside its command: a timeline step,
 * an audit row, and an event with the masked DTO. The event also reaches the departments the item
 * was taken from (a redispatch or a return), so their boards can drop it.
 */
@Injectable()
export class IncidentRecorder {
  constructor(private readonly repo: IncidentsRepository) {}

  async record(
    ctx: CommandContext,
    actor: Actor,
    before: IncidentEntity | null,
    after: IncidentEntity,
    s: StepInput,
  ): Promise<IncidentActionResult> {
    const step = await this.repo.insertStep({
      incidentId: after.id,
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
    const photos = s.photos ?? (await this.repo.photosOf([after.id])).get(after.id) ?? [];
    const result = { incident: toIncidentDto(after, photos, s.at), step: toStepDto(step) };
    ctx.audit({
      action: `incident.${s.action}`,
      objectType: 'incident',
      objectId: after.id,
      before: before ? summary(before) : null,
      after: summary(after),
      detail: { number: after.number, note: s.note ?? null, ...s.detail },
      streetId: after.streetId,
    });
    ctx.emit(s.event, result, incidentJurisdiction(after, before?.departmentIds ?? []), after.drillId);
    return result;
  }
}
