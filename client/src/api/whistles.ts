import {
  type blowWhistleSchema,
  performanceSchema,
  type SUMMONS_ACTION_SCHEMAS,
  type SummonsAction,
  type WHISTLE_ACTION_SCHEMAS,
  type WhistleAction,
  whistleActionResultSchema,
  whistleDetailSchema,
  whistlePageSchema,
  type WhistleState,
} from '@gridboard/shared';
import type { z } from 'zod';
import { request } from './http';

// 吹哨报到 (server/src/whistles): a department sees the whistles it was summoned to.

export interface WhistleFilters {
  state?: WhistleState;
  incidentId?: string;
  departmentId?: string;
  /** A department past its 报到 deadline and not on site. */
  overdue?: boolean;
}

type Body<S extends z.ZodType> = Omit<z.input<S>, 'version'>;
export type WhistleActionBody<A extends WhistleAction> = Body<(typeof WHISTLE_ACTION_SCHEMAS)[A]>;
export type SummonsActionBody<A extends SummonsAction> = Body<(typeof SUMMONS_ACTION_SCHEMAS)[A]>;

const path = (id: string, rest = '') => `/api/whistles/${encodeURIComponent(id)}${rest}`;

export const whistlesApi = {
  list: (f: WhistleFilters, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    request('/api/whistles', {
      query: {
        state: f.state,
        incidentId: f.incidentId,
        departmentId: f.departmentId,
        overdue: f.overdue === undefined ? undefined : String(f.overdue),
        ...page,
      },
      schema: whistlePageSchema,
      signal,
    }),
  get: (id: string) => request(path(id), { schema: whistleDetailSchema }),
  /** One open whistle per incident: 409 `errors.whistle_open` (raise it instead). */
  blow: (input: z.input<typeof blowWhistleSchema>) =>
    request('/api/whistles', { method: 'POST', body: input, schema: whistleActionResultSchema }),
  /** raise | confirm | cancel, on the whistle's version. */
  act: <A extends WhistleAction>(id: string, action: A, version: number, body: WhistleActionBody<A>) =>
    request(path(id, `/actions/${action}`), {
      method: 'POST',
      body: { ...body, version },
      schema: whistleActionResultSchema,
    }),
  /** acknowledge (签收) | arrive (报到) | report (反馈), on the summons' version. */
  summonsAct: <A extends SummonsAction>(
    id: string,
    summonsId: string,
    action: A,
    version: number,
    body: SummonsActionBody<A>,
  ) =>
    request(path(id, `/summons/${encodeURIComponent(summonsId)}/actions/${action}`), {
      method: 'POST',
      body: { ...body, version },
      schema: whistleActionResultSchema,
    }),
  performance: (from: string, to: string) =>
    request('/api/whistles/performance', { query: { from, to }, schema: performanceSchema }),
};
