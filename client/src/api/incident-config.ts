import {
  deadlineRuleSchema,
  hotlineImportResultSchema,
  type ImportMapping,
  importMappingSchema,
  type IncidentState,
  incidentCategorySchema,
  type IncidentSource,
  type Severity,
  stateLabelsSchema,
  type WorkdayOverride,
  workdayOverrideSchema,
} from '@gridboard/shared';
import { z } from 'zod';
import { request } from './http';

// 事件配置 and the 12345 import (server/src/incidents/incident-config.controller.ts and
// working-calendar.controller.ts). District-wide callers name the street for street-level settings.

export type ImportSource = 'hotline_12345' | 'digital_city';
export type CategoryInput = { label: { 'zh-CN': string; 'en-US': string }; sort: number; active: boolean };
export type DeadlineRuleInput = {
  category: string | null;
  severity: Severity | null;
  source: IncidentSource | null;
  hours: number;
  calendar: 'natural' | 'workdays';
};

const enc = encodeURIComponent;
const noContent = z.unknown();

export const incidentConfigApi = {
  putCategory: (code: string, body: CategoryInput) =>
    request(`/api/incidents/categories/${enc(code)}`, { method: 'PUT', body, schema: incidentCategorySchema }),

  rules: () => request('/api/incidents/deadline-rules', { schema: z.array(deadlineRuleSchema) }),
  createRule: (body: DeadlineRuleInput) =>
    request('/api/incidents/deadline-rules', { method: 'POST', body, schema: deadlineRuleSchema }),
  updateRule: (id: string, version: number, body: DeadlineRuleInput) =>
    request(`/api/incidents/deadline-rules/${enc(id)}`, {
      method: 'PUT',
      body: { ...body, version },
      schema: deadlineRuleSchema,
    }),
  deleteRule: (id: string, version: number) =>
    request(`/api/incidents/deadline-rules/${enc(id)}`, { method: 'DELETE', query: { version }, schema: noContent }),
  /** The deadline a new incident of this kind would get if reported now. */
  preview: (q: { category: string; severity: Severity; source: IncidentSource }) =>
    request('/api/incidents/deadline-preview', {
      query: q,
      schema: z.object({ deadline: z.string().nullable() }),
    }),

  overrides: (year?: number) =>
    request('/api/working-calendar/overrides', { query: { year }, schema: z.array(workdayOverrideSchema) }),
  putOverride: (o: WorkdayOverride) =>
    request(`/api/working-calendar/overrides/${enc(o.date)}`, {
      method: 'PUT',
      body: { workday: o.workday, note: o.note },
      schema: workdayOverrideSchema,
    }),
  deleteOverride: (date: string) =>
    request(`/api/working-calendar/overrides/${enc(date)}`, { method: 'DELETE', schema: noContent }),

  stateLabels: (streetId?: string) =>
    request('/api/incidents/state-labels', { query: { streetId }, schema: stateLabelsSchema }),
  putStateLabel: (state: IncidentState, label: { 'zh-CN': string; 'en-US': string }, streetId?: string) =>
    request(`/api/incidents/state-labels/${state}`, {
      method: 'PUT',
      body: label,
      query: { streetId },
      schema: noContent,
    }),
  deleteStateLabel: (state: IncidentState, streetId?: string) =>
    request(`/api/incidents/state-labels/${state}`, { method: 'DELETE', query: { streetId }, schema: noContent }),

  /** The street's saved mapping for the source, or the typical 12345 headers (`saved: false`). */
  mapping: (source: ImportSource, streetId?: string) =>
    request(`/api/incidents/import/mappings/${source}`, {
      query: { streetId },
      schema: importMappingSchema.extend({ saved: z.boolean() }),
    }),
  putMapping: (source: ImportSource, mapping: ImportMapping, streetId?: string) =>
    request(`/api/incidents/import/mappings/${source}`, {
      method: 'PUT',
      body: mapping,
      query: { streetId },
      schema: noContent,
    }),
  /** All or nothing: a bad row answers 400 errors.import_failed naming row, column and reason. */
  importHotline: (file: File, source: ImportSource, streetId?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request('/api/incidents/import/hotline', {
      method: 'POST',
      body: form,
      query: { source, streetId },
      schema: hotlineImportResultSchema,
    });
  },
};
