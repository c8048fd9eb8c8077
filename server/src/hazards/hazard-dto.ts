import {
  type Hazard,
  HAZARD_PENDING_STATES,
  type HazardState,
  type HazardStep,
  type Jurisdiction,
  maskName,
  maskPhone,
} from '@gridboard/shared';
import { scrubText } from '../auth/personal-data';
import type { InspectionPhotoEntity } from '../inspections/inspection-photo.entity';
import { pick } from '../inspections/inspection-dto';
import type { HazardEntity, HazardStepEntity } from './hazard.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function isOverdue(h: Pick<HazardEntity, 'state' | 'deadline'>, now: Date): boolean {
  return (HAZARD_PENDING_STATES as readonly HazardState[]).includes(h.state) && h.deadline < now;
}

/** The site's place plus the departments of its campaign (联合排查). */
export function hazardJurisdiction(h: HazardEntity): Jurisdiction {
  return {
    streetId: h.streetId,
    communityId: h.communityId,
    gridId: h.gridId,
    departmentIds: h.departmentIds,
    streetWide: false,
  };
}

/** Photo ids a hazard shows: the finding's and the rectification's. */
export function hazardPhotoIds(h: HazardEntity): string[] {
  return [...h.photoIds, ...h.rectificationPhotoIds];
}

/** What the API and events carry: the responsible person and phone masked, free text scrubbed. */
export function toHazardDto(
  h: HazardEntity,
  extra: { now: Date; photos: ReadonlyMap<string, InspectionPhotoEntity>; campaignName: string | null },
): Hazard {
  return {
    id: h.id,
    version: h.version,
    number: h.number,
    streetId: h.streetId,
    communityId: h.communityId,
    gridId: h.gridId,
    departmentIds: h.departmentIds,
    siteId: h.siteId,
    siteName: h.siteName,
    siteType: h.siteType,
    address: h.address,
    lat: h.lat,
    lng: h.lng,
    campaignId: h.campaignId,
    campaignName: extra.campaignName,
    recordId: h.recordId,
    templateId: h.templateId,
    itemKey: h.itemKey,
    itemLabel: h.itemLabel,
    severity: h.severity,
    description: scrubText(h.description),
    responsibleParty: scrubText(h.responsibleParty),
    responsibleContact: maskName(h.responsibleContact),
    responsiblePhone: maskPhone(h.responsiblePhone),
    deadline: h.deadline.toISOString(),
    originalDeadline: h.originalDeadline.toISOString(),
    state: h.state,
    overdue: isOverdue(h, extra.now),
    overdueAt: iso(h.overdueAt),
    supervisionCount: h.supervisionCount,
    lastSupervisedAt: iso(h.lastSupervisedAt),
    extensionCount: h.extensionCount,
    extensionRequest: h.extensionRequest && { ...h.extensionRequest, reason: scrubText(h.extensionRequest.reason) },
    recurring: h.recurring,
    previousHazardId: h.previousHazardId,
    foundAt: h.foundAt.toISOString(),
    foundById: h.foundById,
    foundByName: h.foundByName,
    photos: pick(extra.photos, h.photoIds),
    rectificationNote: h.rectificationNote === null ? null : scrubText(h.rectificationNote),
    rectificationPhotos: pick(extra.photos, h.rectificationPhotoIds),
    submittedAt: iso(h.submittedAt),
    recheckRecordId: h.recheckRecordId,
    recheckedByName: h.recheckedByName,
    closedAt: iso(h.closedAt),
    updatedAt: h.updatedAt.toISOString(),
    drillId: h.drillId,
  };
}

export function toHazardStepDto(s: HazardStepEntity): HazardStep {
  return {
    id: s.id,
    hazardId: s.hazardId,
    at: s.at.toISOString(),
    actorId: s.actorId,
    actorName: s.actorName,
    actorRole: s.actorRole,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    note: s.note === null ? null : scrubText(s.note),
    detail: s.detail,
  };
}
