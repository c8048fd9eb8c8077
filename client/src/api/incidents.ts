import {
  type createIncidentSchema,
  type INCIDENT_ACTION_SCHEMAS,
  type IncidentAction,
  incidentActionResultSchema,
  incidentCategorySchema,
  incidentCountsSchema,
  incidentDetailSchema,
  incidentPageSchema,
  type IncidentState,
  revealedContactSchema,
  type Severity,
  stateLabelsSchema,
} from '@gridboard/shared';
import { z } from 'zod';
import { request, requestBlob } from './http';

// 事件/工单 (server/src/incidents): answers parsed with the shared schemas; lists carry the `seq`
// they were read at, so a store follows the stream from there.

/** The queue's filters, as the list endpoint takes them (lists become comma-separated). */
export interface IncidentFilters {
  state?: IncidentState[];
  category?: string[];
  severity?: Severity[];
  gridId?: string;
  departmentId?: string;
  overdue?: boolean;
  /** Reported or owned by me. */
  mine?: boolean;
  /** Number, title, description, address or hotline ticket. */
  q?: string;
  /** Newest first (default) or the nearest deadline first. */
  sort?: 'reported' | 'deadline';
}

/** A body of `POST /actions/:action` without the version (the caller's copy supplies it). */
export type ActionBody<A extends IncidentAction> = Omit<z.input<(typeof INCIDENT_ACTION_SCHEMAS)[A]>, 'version'>;

const path = (id: string, rest = '') => `/api/incidents/${encodeURIComponent(id)}${rest}`;
const csv = (a: readonly string[] | undefined) => (a?.length ? a.join(',') : undefined);
const bool = (b: boolean | undefined) => (b === undefined ? undefined : String(b));

function photoForm(files: readonly File[], data?: unknown): FormData {
  const form = new FormData();
  if (data !== undefined) form.append('data', JSON.stringify(data));
  for (const f of files) form.append('photos', f, f.name);
  return form;
}

export const incidentsApi = {
  list: (f: IncidentFilters, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    request('/api/incidents', {
      query: {
        state: csv(f.state),
        category: csv(f.category),
        severity: csv(f.severity),
        gridId: f.gridId,
        departmentId: f.departmentId,
        overdue: bool(f.overdue),
        mine: bool(f.mine),
        q: f.q?.trim() || undefined,
        sort: f.sort,
        ...page,
      },
      schema: incidentPageSchema,
      signal,
    }),
  counts: () => request('/api/incidents/counts', { schema: incidentCountsSchema }),
  get: (id: string) => request(path(id), { schema: incidentDetailSchema }),
  /** With photos: multipart (JSON in `data`); 413/415 name the photo at fault. */
  create: (input: z.input<typeof createIncidentSchema>, photos: readonly File[] = []) =>
    request('/api/incidents', {
      method: 'POST',
      body: photos.length ? photoForm(photos, input) : input,
      schema: incidentActionResultSchema,
    }),
  /** A stale `version` answers 409 `errors.conflict` with the current incident in `current`. */
  act: <A extends IncidentAction>(id: string, action: A, version: number, body: ActionBody<A>) =>
    request(path(id, `/actions/${action}`), {
      method: 'POST',
      body: { ...body, version },
      schema: incidentActionResultSchema,
    }),
  addPhotos: (id: string, files: readonly File[], kind: 'report' | 'result') =>
    request(path(id, `/photos?kind=${kind}`), {
      method: 'POST',
      body: photoForm(files),
      schema: incidentActionResultSchema,
    }),
  /** The reporter's contact in clear text; audited as pii.reveal. */
  reveal: (id: string) => request(path(id, '/reveal'), { method: 'POST', schema: revealedContactSchema }),
  /** A photo or its thumbnail (`url`/`thumbUrl` of the DTO), with the bearer token. */
  photo: (url: string, signal?: AbortSignal) => requestBlob(url, { signal }),
  categories: () => request('/api/incidents/categories', { schema: z.array(incidentCategorySchema) }),
  stateLabels: () => request('/api/incidents/state-labels', { schema: stateLabelsSchema }),
};
