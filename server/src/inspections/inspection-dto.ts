import {
  type Campaign,
  type CampaignProgress,
  type CampaignStatus,
  type InspectionPhoto,
  type InspectionRecord,
  type Jurisdiction,
  type SiteStatus,
  type SiteType,
  type Template,
  type TemplateVersion,
} from '@gridboard/shared';
import { scrubText } from '../auth/personal-data';
import type { CampaignEntity } from './campaign.entity';
import type { InspectionPhotoEntity } from './inspection-photo.entity';
import type { InspectionRecordEntity } from './record.entity';
import type { ChecklistTemplateEntity, TemplateVersionEntity } from './template.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function photoUrl(id: string, thumb = false): string {
  return `/api/inspections/photos/${id}${thumb ? '/thumb' : ''}`;
}

export function toPhotoDto(p: InspectionPhotoEntity): InspectionPhoto {
  return {
    id: p.id,
    mime: p.mime,
    size: p.size,
    width: p.width,
    height: p.height,
    url: photoUrl(p.id),
    thumbUrl: photoUrl(p.id, true),
    createdAt: p.createdAt.toISOString(),
  };
}

/** Photos by id, in the order of `ids`, skipping any that are gone. */
export function pick(photos: ReadonlyMap<string, InspectionPhotoEntity>, ids: readonly string[]): InspectionPhoto[] {
  return ids.flatMap((id) => {
    const p = photos.get(id);
    return p ? [toPhotoDto(p)] : [];
  });
}

export function toVersionDto(v: TemplateVersionEntity): TemplateVersion {
  return {
    id: v.id,
    templateId: v.templateId,
    number: v.number,
    name: v.name,
    items: v.items,
    createdAt: v.createdAt.toISOString(),
    createdByName: v.createdByName,
  };
}

export function toTemplateDto(t: ChecklistTemplateEntity, current: TemplateVersionEntity): Template {
  return {
    id: t.id,
    version: t.version,
    streetId: t.streetId,
    name: t.name,
    description: t.description,
    siteTypes: t.siteTypes,
    campaignTypes: t.campaignTypes,
    active: t.active,
    currentVersion: toVersionDto(current),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Templates and campaigns are the street's shared tools: everyone working on the street sees them. */
export function streetWideJurisdiction(streetId: string, departmentIds: string[] = []): Jurisdiction {
  return { streetId, communityId: null, gridId: null, departmentIds, streetWide: true };
}

export function campaignStatus(c: Pick<CampaignEntity, 'startsOn' | 'endsOn'>, today: string): CampaignStatus {
  if (today < c.startsOn) return 'upcoming';
  return today > c.endsOn ? 'ended' : 'active';
}

export const NO_PROGRESS: CampaignProgress = {
  targeted: 0,
  inspected: 0,
  passed: 0,
  failed: 0,
  records: 0,
  hazardsFound: 0,
  hazardsClosed: 0,
  hazardsOpen: 0,
  hazardsOverdue: 0,
};

export function toCampaignDto(
  c: CampaignEntity,
  extra: {
    today: string;
    templateName: string;
    departments: { id: string; name: string }[];
    progress: CampaignProgress;
  },
): Campaign {
  return {
    id: c.id,
    version: c.version,
    streetId: c.streetId,
    name: c.name,
    type: c.type,
    description: c.description,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: campaignStatus(c, extra.today),
    siteTypes: c.siteTypes,
    nineSmall: c.nineSmall,
    gridIds: c.gridIds,
    departmentIds: c.departmentIds,
    departments: c.departmentIds.flatMap((id) => extra.departments.filter((d) => d.id === id)),
    templateId: c.templateId,
    templateName: extra.templateName,
    progress: extra.progress,
    createdByName: c.createdByName,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    drillId: c.drillId,
  };
}

export function recordJurisdiction(r: InspectionRecordEntity): Jurisdiction {
  return {
    streetId: r.streetId,
    communityId: r.communityId,
    gridId: r.gridId,
    departmentIds: r.departmentIds,
    streetWide: false,
  };
}

/** What the API and events carry: free text scrubbed of phone and ID numbers, photos as links. */
export function toRecordDto(
  r: InspectionRecordEntity,
  extra: {
    photos: ReadonlyMap<string, InspectionPhotoEntity>;
    templateName: string;
    templateVersion: number;
    campaignName: string | null;
    hazardIds: string[];
  },
): InspectionRecord {
  return {
    id: r.id,
    clientId: r.clientId,
    streetId: r.streetId,
    communityId: r.communityId,
    gridId: r.gridId,
    departmentIds: r.departmentIds,
    siteId: r.siteId,
    siteName: r.siteName,
    siteType: r.siteType,
    address: r.address,
    campaignId: r.campaignId,
    campaignName: extra.campaignName,
    templateId: r.templateId,
    templateName: extra.templateName,
    templateVersionId: r.templateVersionId,
    templateVersion: extra.templateVersion,
    answers: r.answers.map((a) => ({
      itemKey: a.itemKey,
      label: a.label,
      kind: a.kind,
      value: typeof a.value === 'string' ? scrubText(a.value) : a.value,
      passed: a.passed,
      note: scrubText(a.note),
      photos: pick(extra.photos, a.photoIds),
    })),
    result: r.result,
    failedItems: r.failedItems,
    hazardIds: extra.hazardIds,
    photos: pick(extra.photos, r.photoIds),
    lat: r.lat,
    lng: r.lng,
    accuracy: r.accuracy,
    distanceM: r.distanceM,
    inspectedAt: r.inspectedAt.toISOString(),
    submittedAt: r.submittedAt.toISOString(),
    inspectorId: r.inspectorId,
    inspectorName: r.inspectorName,
    note: scrubText(r.note),
    drillId: r.drillId,
  };
}

/** Every photo id a record refers to (items and the visit). */
export function recordPhotoIds(r: Pick<InspectionRecordEntity, 'answers' | 'photoIds'>): string[] {
  return [...r.answers.flatMap((a) => a.photoIds), ...r.photoIds];
}

/** A row of the site-status query (snake_case columns as PostgreSQL answers them). */
export interface SiteStatusRow {
  site_id: string;
  street_id: string;
  community_id: string;
  grid_id: string;
  department_ids: string[];
  name: string;
  type: string;
  grade: string;
  nine_small: boolean;
  address: string;
  lat: number;
  lng: number;
  interval_months: number;
  last_inspected_at: Date | null;
  last_record_id: string | null;
  last_result: 'pass' | 'fail' | null;
  next_due_at: Date | null;
  due_status: SiteStatus['dueStatus'];
  open_hazards: number;
  overdue_hazards: number;
  max_rank: number | null;
}

const SEVERITY_BY_RANK = [null, 'low', 'medium', 'high', 'critical'] as const;

export function toSiteStatusDto(r: SiteStatusRow): SiteStatus {
  return {
    siteId: r.site_id,
    streetId: r.street_id,
    communityId: r.community_id,
    gridId: r.grid_id,
    departmentIds: r.department_ids,
    name: r.name,
    type: r.type as SiteType,
    grade: r.grade as SiteStatus['grade'],
    nineSmall: r.nine_small,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    intervalMonths: r.interval_months,
    lastInspectedAt: iso(r.last_inspected_at),
    lastRecordId: r.last_record_id,
    lastResult: r.last_result,
    nextDueAt: iso(r.next_due_at),
    dueStatus: r.due_status,
    openHazards: r.open_hazards,
    overdueHazards: r.overdue_hazards,
    maxOpenSeverity: SEVERITY_BY_RANK[r.max_rank ?? 0] ?? null,
  };
}
