import { z } from 'zod';
import { listQuerySchema, pageSchema, versionedSchema } from './api';
import { latSchema, lngSchema } from './geo';
import { severitySchema } from './incidents';
import { uuidSchema } from './jurisdiction';
import { type Label, timelineStepSchema } from './workflow';
import { SUMMONS_STATES, WHISTLE_STATES } from './workflows/whistle';

/**
 * 吹哨报到 contracts (DOMAIN.md "Blowing the whistle"): a grid blows the whistle on an incident and
 * names departments; each must sign (签收), report for duty on site (报到) within its deadline, and
 * report its result. Raising the level brings in street leaders, then district bureaus.
 */

/** Report-for-duty deadline when the whistle does not name one, in minutes. */
export const DEFAULT_REPORT_WITHIN_MINUTES = 30;
/** Resolve-by time when the whistle does not name one, in hours after it is blown. */
export const DEFAULT_RESOLVE_WITHIN_HOURS = 24;

/** 1 网格吹哨 (the grid summons street departments), 2 街道领导, 3 区级部门. */
export const WHISTLE_LEVELS = [1, 2, 3] as const;
export const WHISTLE_LEVEL_LABELS: Record<(typeof WHISTLE_LEVELS)[number], Label> = {
  1: { 'zh-CN': '网格吹哨', 'en-US': 'Grid whistle' },
  2: { 'zh-CN': '街道领导协调', 'en-US': 'Street leaders' },
  3: { 'zh-CN': '区级部门', 'en-US': 'District bureaus' },
};

const summonedDepartment = z.object({
  departmentId: uuidSchema,
  /** Minutes to report for duty (报到); the whistle's default otherwise. */
  reportWithinMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
});
const departmentList = z
  .array(summonedDepartment)
  .max(20)
  .refine((a) => new Set(a.map((d) => d.departmentId)).size === a.length, '部门不能重复 / departments must not repeat');
const isoDate = z.iso.datetime({ offset: true });

export const blowWhistleSchema = z.object({
  incidentId: uuidSchema,
  reason: z.string().trim().min(1).max(2000),
  departments: departmentList.min(1),
  reportWithinMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(DEFAULT_REPORT_WITHIN_MINUTES),
  resolveBy: isoDate.optional(),
});
export type BlowWhistleInput = z.infer<typeof blowWhistleSchema>;

const note = z.string().trim().max(2000);
const reason = z.string().trim().min(1).max(2000);

/** `POST /api/whistles/:id/actions/:action` bodies. */
export const WHISTLE_ACTION_SCHEMAS = {
  /** 升级: next level; departments already summoned are not summoned again. */
  raise: versionedSchema.extend({
    reason,
    departments: departmentList.default([]),
    reportWithinMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(DEFAULT_REPORT_WITHIN_MINUTES),
  }),
  confirm: versionedSchema.extend({ note: note.optional() }),
  cancel: versionedSchema.extend({ reason }),
} as const;
export type WhistleAction = keyof typeof WHISTLE_ACTION_SCHEMAS;

/** `POST /api/whistles/:id/summons/:summonsId/actions/:action` bodies (the summons' own version). */
export const SUMMONS_ACTION_SCHEMAS = {
  acknowledge: versionedSchema.extend({ note: note.optional() }),
  arrive: versionedSchema.extend({
    lat: latSchema.optional(),
    lng: lngSchema.optional(),
    note: note.optional(),
  }),
  report: versionedSchema.extend({
    result: z.string().trim().min(1).max(4000),
    /** Whether the department's part of the problem is solved (the resolution rate counts these). */
    resolved: z.boolean().default(true),
  }),
} as const;
export type SummonsAction = keyof typeof SUMMONS_ACTION_SCHEMAS;

export const summonsSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  whistleId: uuidSchema,
  departmentId: uuidSchema,
  departmentName: z.string(),
  level: z.number().int(),
  state: z.enum(SUMMONS_STATES),
  summonedAt: z.string(),
  /** Report-for-duty (报到) deadline: the board counts down to it. */
  deadline: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  arrivedLat: z.number().nullable(),
  arrivedLng: z.number().nullable(),
  arrivedByName: z.string().nullable(),
  reportedAt: z.string().nullable(),
  result: z.string().nullable(),
  resolved: z.boolean().nullable(),
  /** When the missed deadline was escalated to the leader on duty (once). */
  escalatedAt: z.string().nullable(),
});
export type Summons = z.infer<typeof summonsSchema>;

export const whistleSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  incidentId: uuidSchema,
  /** Enough of the incident for a summoned department, which may not see the incident itself. */
  incident: z.object({
    number: z.string(),
    title: z.string(),
    category: z.string(),
    severity: severitySchema,
    address: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  }),
  reason: z.string(),
  level: z.number().int(),
  state: z.enum(WHISTLE_STATES),
  blownAt: z.string(),
  blownById: uuidSchema.nullable(),
  blownByName: z.string(),
  resolveBy: z.string(),
  overdueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  summons: z.array(summonsSchema),
  drillId: uuidSchema.nullable(),
  updatedAt: z.string(),
});
export type Whistle = z.infer<typeof whistleSchema>;

/** `action`: blow, raise, confirm, cancel, acknowledge, arrive, report, summons_overdue, overdue */
export const whistleStepSchema = timelineStepSchema.extend({ whistleId: uuidSchema, summonsId: uuidSchema.nullable() });
export type WhistleStep = z.infer<typeof whistleStepSchema>;
export const whistleDetailSchema = whistleSchema.extend({ timeline: z.array(whistleStepSchema) });
export const whistleActionResultSchema = z.object({ whistle: whistleSchema, step: whistleStepSchema });

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const whistleListQuerySchema = listQuerySchema.extend({
  state: z.enum(WHISTLE_STATES).optional(),
  incidentId: uuidSchema.optional(),
  gridId: uuidSchema.optional(),
  departmentId: uuidSchema.optional(),
  /** Only whistles with a department past its report-for-duty deadline and not on site. */
  overdue: boolParam.optional(),
  drill: z.enum(['include', 'exclude', 'only']).default('include'),
});
export type WhistleListQuery = z.infer<typeof whistleListQuerySchema>;
export const whistlePageSchema = pageSchema(whistleSchema);

/** Department performance over real (non-drill) whistles summoned in [from, to). */
export const performanceQuerySchema = z.object({
  from: isoDate,
  to: isoDate,
  departmentId: uuidSchema.optional(),
});
export const departmentPerformanceSchema = z.object({
  departmentId: uuidSchema,
  departmentName: z.string(),
  summoned: z.number().int(),
  arrived: z.number().int(),
  /** Minutes from being summoned to 报到 (for level-1 departments that is from the whistle). */
  medianMinutesToArrive: z.number().nullable(),
  p90MinutesToArrive: z.number().nullable(),
  /** Arrived by the deadline, of those whose deadline has passed or who arrived. */
  onTimeRate: z.number().nullable(),
  /** Reported resolved, of those summoned. */
  resolutionRate: z.number().nullable(),
});
export const performanceSchema = z.object({
  from: z.string(),
  to: z.string(),
  departments: z.array(departmentPerformanceSchema),
});

export const whistleEvents = {
  'whistle.blown': z.object({ whistle: whistleSchema, step: whistleStepSchema }),
  /** Any step of the whistle or of one of its summons. */
  'whistle.changed': z.object({ whistle: whistleSchema, step: whistleStepSchema }),
  /** 报到 deadline missed: escalated to the leader on duty (an alarm), once per summons. */
  'whistle.summons_overdue': z.object({
    whistle: whistleSchema,
    step: whistleStepSchema,
    summonsId: uuidSchema,
    departmentId: uuidSchema,
    departmentName: z.string(),
    escalatedTo: z.literal('leader_on_duty'),
  }),
  /** The resolve-by time passed with the whistle still open (once). */
  'whistle.overdue': z.object({ whistle: whistleSchema, step: whistleStepSchema }),
} as const;
