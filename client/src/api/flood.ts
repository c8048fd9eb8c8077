import {
  type CreateFloodHousehold,
  floodHouseholdPageSchema,
  floodHouseholdRevealSchema,
  floodHouseholdSchema,
  floodImportResultSchema,
  floodProgressDetailSchema,
  floodReviewSchema,
  floodWarningDetailSchema,
  floodWarningPageSchema,
  floodWarningResultSchema,
  type IssueWarningInput,
  type RiskType,
  type TaskAction,
  transferCardSchema,
  transferTaskDetailSchema,
  transferTaskPageSchema,
  transferTaskResultSchema,
  type UpdateFloodHousehold,
  type VulnerableFlag,
  type WarningAction,
} from '@gridboard/shared';
import { z } from 'zod';
import { request, requestBlob } from './http';

/*
 * 防汛转移 (docs/FLOOD.md): the register, warnings and transfer tasks. Answers are parsed with the
 * shared schemas; personal data arrives masked, `reveal` answers the clear values (audited).
 */

const one = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
const HOUSEHOLDS = '/api/flood/households';
const WARNINGS = '/api/flood/warnings';
const TASKS = '/api/flood/tasks';

export interface FloodHouseholdQuery {
  communityId?: string;
  gridId?: string;
  shelterId?: string;
  riskType?: RiskType;
  vulnerable?: VulnerableFlag;
  q?: string;
  limit: number;
  offset: number;
}

export interface TaskQuery {
  warningId?: string;
  mine?: boolean;
  open?: boolean;
  limit?: number;
}

/** Every body of a step names the `version` it was based on (a stale one answers 409 with `current`). */
type Versioned = { version: number };

export const floodApi = {
  households: (query: FloodHouseholdQuery, signal?: AbortSignal) =>
    request(HOUSEHOLDS, { query: { ...query }, schema: floodHouseholdPageSchema, signal }),
  household: (id: string) => request(one(HOUSEHOLDS, id), { schema: floodHouseholdSchema }),
  createHousehold: (body: CreateFloodHousehold) =>
    request(HOUSEHOLDS, { method: 'POST', body, schema: floodHouseholdSchema }),
  updateHousehold: (id: string, body: UpdateFloodHousehold) =>
    request(one(HOUSEHOLDS, id), { method: 'PATCH', body, schema: floodHouseholdSchema }),
  removeHousehold: (id: string) => request(one(HOUSEHOLDS, id), { method: 'DELETE', schema: z.unknown() }),
  revealHousehold: (id: string) =>
    request(`${one(HOUSEHOLDS, id)}/reveal`, { method: 'POST', schema: floodHouseholdRevealSchema }),
  card: (id: string) => request(`${one(HOUSEHOLDS, id)}/card`, { schema: transferCardSchema }),
  /** All or nothing: a rejected file answers 400 `errors.import_failed`, one field error per row and column. */
  importHouseholds: (file: File, streetId?: string) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return request(`${HOUSEHOLDS}/import`, {
      method: 'POST',
      body,
      query: { streetId },
      schema: floodImportResultSchema,
    });
  },

  warnings: (signal?: AbortSignal) =>
    request(WARNINGS, { query: { limit: 200 }, schema: floodWarningPageSchema, signal }),
  warning: (id: string) => request(one(WARNINGS, id), { schema: floodWarningDetailSchema }),
  issue: (body: IssueWarningInput) => request(WARNINGS, { method: 'POST', body, schema: floodWarningResultSchema }),
  warningAction: (id: string, action: WarningAction, body: Versioned & Record<string, unknown>) =>
    request(`${one(WARNINGS, id)}/actions/${action}`, { method: 'POST', body, schema: floodWarningResultSchema }),
  progress: (id: string, signal?: AbortSignal) =>
    request(`${one(WARNINGS, id)}/progress`, { schema: floodProgressDetailSchema, signal }),
  review: (id: string) => request(`${one(WARNINGS, id)}/review`, { schema: floodReviewSchema }),
  reviewXlsx: (id: string) => requestBlob(`${one(WARNINGS, id)}/review.xlsx`),
  cap: (id: string) => requestBlob(`${one(WARNINGS, id)}.cap.xml`),

  tasks: (query: TaskQuery, signal?: AbortSignal) =>
    request(TASKS, { query: { limit: 10_000, ...query }, schema: transferTaskPageSchema, signal }),
  task: (id: string) => request(one(TASKS, id), { schema: transferTaskDetailSchema }),
  taskAction: (id: string, action: TaskAction, body: Versioned & Record<string, unknown>) =>
    request(`${one(TASKS, id)}/actions/${action}`, { method: 'POST', body, schema: transferTaskResultSchema }),
  /** 扫码入住: the shelter types or scans the transfer card's code. */
  checkin: (body: { code: string; shelterId: string; people: number; warningId?: string }) =>
    request('/api/flood/checkin', { method: 'POST', body, schema: transferTaskResultSchema }),
};

/** Hands a downloaded file to the browser under a name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
