import {
  type CreateHazardInput,
  type HAZARD_ACTION_SCHEMAS,
  hazardActionResultSchema,
  hazardCountsSchema,
  hazardDetailSchema,
  hazardPageSchema,
  hazardRevealSchema,
  hazardSchema,
  type HazardAction,
  type HazardState,
  type Severity,
} from '@gridboard/shared';
import type { z } from 'zod';
import { request } from './http';

// 隐患 (docs/INSPECTIONS.md "Hazard lifecycle"): server/src/hazards/hazards.controller.ts.

export interface HazardFilters {
  state?: HazardState[];
  severity?: Severity[];
  campaignId?: string;
  siteId?: string;
  gridId?: string;
  overdue?: boolean;
  recurring?: boolean;
  q?: string;
  limit: number;
  offset?: number;
}

export type HazardActionBody<A extends HazardAction> = z.input<(typeof HAZARD_ACTION_SCHEMAS)[A]>;

const csv = (v: readonly string[] | undefined) => (v?.length ? v.join(',') : undefined);
const path = (id: string, rest = '') => `/api/hazards/${encodeURIComponent(id)}${rest}`;

export const hazardsApi = {
  list: (f: HazardFilters, signal?: AbortSignal) =>
    request('/api/hazards', {
      query: {
        state: csv(f.state),
        severity: csv(f.severity),
        campaignId: f.campaignId,
        siteId: f.siteId,
        gridId: f.gridId,
        overdue: f.overdue,
        recurring: f.recurring,
        q: f.q || undefined,
        limit: f.limit,
        offset: f.offset,
      },
      schema: hazardPageSchema,
      signal,
    }),
  counts: () => request('/api/hazards/counts', { schema: hazardCountsSchema }),
  get: (id: string) => request(path(id), { schema: hazardDetailSchema }),
  create: (body: CreateHazardInput) => request('/api/hazards', { method: 'POST', body, schema: hazardSchema }),
  act: <A extends HazardAction>(id: string, action: A, body: HazardActionBody<A>) =>
    request(path(id, `/actions/${action}`), { method: 'POST', body, schema: hazardActionResultSchema }),
  reveal: (id: string) => request(path(id, '/reveal'), { method: 'POST', schema: hazardRevealSchema }),
};
