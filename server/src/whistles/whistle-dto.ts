import type { Jurisdiction, Summons, Whistle, WhistleStep } from '@gridboard/shared';
import { maskPersonalData, scrubText } from '../auth/personal-data';
import type { SummonsEntity, WhistleEntity, WhistleStepEntity } from './whistle.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummonsDto(s: SummonsEntity): Summons {
  return {
    id: s.id,
    version: s.version,
    whistleId: s.whistleId,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    level: s.level,
    state: s.state,
    summonedAt: s.summonedAt.toISOString(),
    deadline: s.deadline.toISOString(),
    acknowledgedAt: iso(s.acknowledgedAt),
    acknowledgedByName: s.acknowledgedByName,
    arrivedAt: iso(s.arrivedAt),
    arrivedLat: s.arrivedLat,
    arrivedLng: s.arrivedLng,
    arrivedByName: s.arrivedByName,
    reportedAt: iso(s.reportedAt),
    result: scrubText(s.result),
    resolved: s.resolved,
    escalatedAt: iso(s.escalatedAt),
  };
}

export function toWhistleDto(w: WhistleEntity, summons: SummonsEntity[]): Whistle {
  return {
    id: w.id,
    version: w.version,
    streetId: w.streetId,
    communityId: w.communityId,
    gridId: w.gridId,
    incidentId: w.incidentId,
    incident: {
      ...w.incidentSummary,
      title: scrubText(w.incidentSummary.title),
      address: scrubText(w.incidentSummary.address),
    },
    reason: scrubText(w.reason),
    level: w.level,
    state: w.state,
    blownAt: w.blownAt.toISOString(),
    blownById: w.blownById,
    blownByName: w.blownByName,
    resolveBy: w.resolveBy.toISOString(),
    overdueAt: iso(w.overdueAt),
    closedAt: iso(w.closedAt),
    summons: summons.map(toSummonsDto),
    drillId: w.drillId,
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function toWhistleStepDto(s: WhistleStepEntity): WhistleStep {
  return {
    id: s.id,
    whistleId: s.whistleId,
    summonsId: s.summonsId,
    at: s.at.toISOString(),
    actorId: s.actorId,
    actorName: s.actorName,
    actorRole: s.actorRole,
    action: s.action,
    note: scrubText(s.note),
    detail: maskPersonalData(s.detail) as Record<string, unknown>,
  };
}

/** The grid that blew it, and every department it summoned. */
export function whistleJurisdiction(w: WhistleEntity): Jurisdiction {
  return {
    streetId: w.streetId,
    communityId: w.communityId,
    gridId: w.gridId,
    departmentIds: w.departmentIds,
    streetWide: false,
  };
}
