import {
  campaignPageSchema,
  campaignProgressDetailSchema,
  campaignSchema,
  type CampaignStatus,
  type ChecklistItemInput,
  type CreateRecordInput,
  type DueStatus,
  type InspectionResult,
  monthlySummarySchema,
  photoUploadResultSchema,
  recordPageSchema,
  recordResultSchema,
  type SiteType,
  siteStatusPageSchema,
  templatePageSchema,
  templateSchema,
  templateVersionListSchema,
  templateVersionSchema,
} from '@gridboard/shared';
import { request, requestBlob } from './http';

// 安全排查 (docs/INSPECTIONS.md): server/src/inspections/*.controller.ts.

type Query = Record<string, string | number | boolean | undefined>;
const csv = (v: readonly string[] | undefined) => (v?.length ? v.join(',') : undefined);
const enc = encodeURIComponent;

export interface SiteStatusFilters {
  gridId?: string;
  campaignId?: string;
  dueStatus?: DueStatus[];
  openHazards?: boolean;
  q?: string;
  /** minLng,minLat,maxLng,maxLat */
  bbox?: [number, number, number, number];
  limit: number;
  offset?: number;
}

export interface RecordFilters {
  siteId?: string;
  campaignId?: string;
  gridId?: string;
  result?: InspectionResult;
  mine?: boolean;
  from?: string;
  limit: number;
  offset: number;
}

export interface LedgerFilters {
  from?: string;
  to?: string;
  campaignId?: string;
  gridId?: string;
}

function siteQuery(f: SiteStatusFilters): Query {
  return {
    gridId: f.gridId,
    campaignId: f.campaignId,
    dueStatus: csv(f.dueStatus),
    openHazards: f.openHazards,
    q: f.q || undefined,
    bbox: f.bbox?.join(','),
    limit: f.limit,
    offset: f.offset,
  };
}

export const inspectionsApi = {
  /** Sites due for inspection (never, overdue, due soon by default), overdue first. */
  due: (f: SiteStatusFilters, signal?: AbortSignal) =>
    request('/api/inspections/due', { query: siteQuery(f), schema: siteStatusPageSchema, signal }),
  /** Every site's status: the board layer, the phone page's site search. */
  sitesStatus: (f: SiteStatusFilters, signal?: AbortSignal) =>
    request('/api/inspections/sites-status', { query: siteQuery(f), schema: siteStatusPageSchema, signal }),

  templates: (f: { siteType?: SiteType; active?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
    request('/api/inspections/templates', {
      query: { siteType: f.siteType, active: f.active, limit: f.limit ?? 200 },
      schema: templatePageSchema,
      signal,
    }),
  template: (id: string) => request(`/api/inspections/templates/${enc(id)}`, { schema: templateSchema }),
  templateVersions: (id: string) =>
    request(`/api/inspections/templates/${enc(id)}/versions`, { schema: templateVersionListSchema }),
  templateVersion: (versionId: string) =>
    request(`/api/inspections/templates/versions/${enc(versionId)}`, { schema: templateVersionSchema }),
  /** A new version when the items or the name change; past records keep theirs. */
  updateTemplate: (id: string, body: { version: number; name?: string; items?: ChecklistItemInput[] }) =>
    request(`/api/inspections/templates/${enc(id)}`, { method: 'PUT', body, schema: templateSchema }),

  campaigns: (f: { status?: CampaignStatus[] } = {}, signal?: AbortSignal) =>
    request('/api/inspections/campaigns', {
      query: { status: csv(f.status), limit: 200 },
      schema: campaignPageSchema,
      signal,
    }),
  campaign: (id: string) => request(`/api/inspections/campaigns/${enc(id)}`, { schema: campaignSchema }),
  campaignProgress: (id: string) =>
    request(`/api/inspections/campaigns/${enc(id)}/progress`, { schema: campaignProgressDetailSchema }),

  uploadPhotos: (files: readonly File[]) => {
    const form = new FormData();
    for (const f of files) form.append('photos', f);
    return request('/api/inspections/photos', { method: 'POST', body: form, schema: photoUploadResultSchema });
  },
  /** Idempotent by `clientId`: sending the same body again answers the record already made. */
  submitRecord: (body: CreateRecordInput) =>
    request('/api/inspections/records', { method: 'POST', body, schema: recordResultSchema }),
  records: (f: RecordFilters, signal?: AbortSignal) =>
    request('/api/inspections/records', {
      query: { ...f, result: f.result, mine: f.mine },
      schema: recordPageSchema,
      signal,
    }),
  record: (id: string) => request(`/api/inspections/records/${enc(id)}`, { schema: recordResultSchema }),

  summary: (month: string, campaignId?: string) =>
    request('/api/inspections/summary', { query: { month, campaignId }, schema: monthlySummarySchema }),
  /** 台账 workbooks (xlsx). */
  recordsLedger: (f: LedgerFilters) => requestBlob('/api/inspections/records.xlsx', { query: { ...f } }),
  hazardsLedger: (f: LedgerFilters) => requestBlob('/api/hazards.xlsx', { query: { ...f } }),
  summaryLedger: (month: string) => requestBlob('/api/inspections/summary.xlsx', { query: { month } }),
};

export const photoBlob = (url: string) => requestBlob(url);
