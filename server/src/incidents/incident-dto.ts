import {
  INCIDENT_PENDING_STATES,
  type Incident,
  type IncidentPhoto,
  type IncidentStep,
  maskName,
  maskPhone,
} from '@gridboard/shared';
import { maskPersonalData, scrubText } from '../auth/personal-data';
import type { IncidentPhotoEntity } from './incident-photo.entity';
import type { IncidentStepEntity } from './incident-step.entity';
import type { IncidentEntity } from './incident.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function photoUrl(incidentId: string, photoId: string, thumb = false): string {
  return `/api/incidents/${incidentId}/photos/${photoId}${thumb ? '/thumb' : ''}`;
}

export function toPhotoDto(p: IncidentPhotoEntity): IncidentPhoto {
  return {
    id: p.id,
    kind: p.kind,
    mime: p.mime,
    size: p.size,
    width: p.width,
    height: p.height,
    url: photoUrl(p.incidentId, p.id),
    thumbUrl: photoUrl(p.incidentId, p.id, true),
    createdAt: p.createdAt.toISOString(),
  };
}

export function isOverdue(i: Pick<IncidentEntity, 'deadline' | 'state'>, now: Date): boolean {
  return i.deadline !== null && i.deadline < now && INCIDENT_PENDING_STATES.includes(i.state);
}

/**
 * What the API and events carry: the reporter's contact masked, always, and phone and ID numbers
 * typed into the free text (residents do) masked in place; `POST …/reveal` answers the clear text.
 */
export function toIncidentDto(i: IncidentEntity, photos: IncidentPhotoEntity[], now: Date): Incident {
  return {
    id: i.id,
    version: i.version,
    number: i.number,
    streetId: i.streetId,
    communityId: i.communityId,
    gridId: i.gridId,
    buildingId: i.buildingId,
    siteId: i.siteId,
    lat: i.lat,
    lng: i.lng,
    address: scrubText(i.address),
    source: i.source,
    category: i.category,
    severity: i.severity,
    title: scrubText(i.title),
    description: scrubText(i.description),
    state: i.state,
    reporterName: maskName(i.reporterName),
    reporterPhone: maskPhone(i.reporterPhone),
    hotlineTicket: i.hotlineTicket,
    ownerId: i.ownerId,
    ownerName: i.ownerName,
    targets: { departmentIds: i.departmentIds, gridId: i.targetGridId },
    deadline: iso(i.deadline),
    overdue: isOverdue(i, now),
    overdueAt: iso(i.overdueAt),
    supervisionCount: i.supervisionCount,
    lastSupervisedAt: iso(i.lastSupervisedAt),
    result: scrubText(i.result),
    rating: i.rating,
    photos: photos.map(toPhotoDto),
    reportedAt: i.reportedAt.toISOString(),
    reportedById: i.reportedById,
    reportedByName: i.reportedByName,
    acceptedAt: iso(i.acceptedAt),
    dispatchedAt: iso(i.dispatchedAt),
    resolvedAt: iso(i.resolvedAt),
    verifiedAt: iso(i.verifiedAt),
    closedAt: iso(i.closedAt),
    updatedAt: i.updatedAt.toISOString(),
    drillId: i.drillId,
  };
}

export function toStepDto(s: IncidentStepEntity): IncidentStep {
  return {
    id: s.id,
    incidentId: s.incidentId,
    at: s.at.toISOString(),
    actorId: s.actorId,
    actorName: s.actorName,
    actorRole: s.actorRole,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    note: scrubText(s.note),
    detail: maskPersonalData(s.detail) as Record<string, unknown>,
  };
}
