import { z } from 'zod';
import { listQuerySchema, pageSchema, versionedSchema } from './api';
import { latSchema, lngSchema } from './geo';
import { uuidSchema } from './jurisdiction';
import { type Label, stateChangeShape, timelineStepSchema } from './workflow';
import { INCIDENT_STATES, type IncidentState } from './workflows/incident';

/**
 * 事件/工单 contracts (DOMAIN.md "Incidents"): what clients send to /api/incidents and what the API
 * and the `incident.*` events answer. Reporter contact is personal data: always masked here; the
 * clear text only comes from the audited `POST /api/incidents/:id/reveal`.
 */

/** States in which the deadline clock runs: the item still waits for someone to solve it. */
export const INCIDENT_PENDING_STATES: readonly IncidentState[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'returned',
];

/** 来源 */
export const INCIDENT_SOURCES = [
  'grid_patrol',
  'hotline_12345',
  'digital_city',
  'resident_report',
  'video_patrol',
  'proactive',
] as const;
export const incidentSourceSchema = z.enum(INCIDENT_SOURCES);
export type IncidentSource = z.infer<typeof incidentSourceSchema>;
export const INCIDENT_SOURCE_LABELS: Record<IncidentSource, Label> = {
  grid_patrol: { 'zh-CN': '网格巡查', 'en-US': 'Grid patrol' },
  hotline_12345: { 'zh-CN': '12345热线', 'en-US': '12345 hotline' },
  digital_city: { 'zh-CN': '数字城管', 'en-US': 'Digital city management' },
  resident_report: { 'zh-CN': '居民上报', 'en-US': 'Resident report' },
  video_patrol: { 'zh-CN': '视频巡查', 'en-US': 'Video patrol' },
  proactive: { 'zh-CN': '未诉先办', 'en-US': 'Proactive handling' },
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;
export const SEVERITY_LABELS: Record<Severity, Label> = {
  low: { 'zh-CN': '一般', 'en-US': 'Low' },
  medium: { 'zh-CN': '较重', 'en-US': 'Medium' },
  high: { 'zh-CN': '严重', 'en-US': 'High' },
  critical: { 'zh-CN': '紧急', 'en-US': 'Critical' },
};

/** 群众评单: 满意 / 基本满意 close the loop; 不满意 reopens the item. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const ratingSchema = z.enum(RATINGS);
export type Rating = z.infer<typeof ratingSchema>;
export const RATING_LABELS: Record<Rating, Label> = {
  satisfied: { 'zh-CN': '满意', 'en-US': 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', 'en-US': 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'en-US': 'Dissatisfied' },
};

/** Categories are data (table `incident_category`); these are the codes seeded from DOMAIN.md. */
export const DEFAULT_INCIDENT_CATEGORIES = [
  'safety_hazard',
  'dispute',
  'environment',
  'facility_damage',
  'waterlogging',
  'fire',
  'gas',
  'flying_wire_charging',
  'illegal_construction',
  'noise',
  'other',
] as const;
export const categoryCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, '2–40 个小写字母、数字或 _ / lower-case letters, digits and _ (2–40)');

/** Photos: JPEG, PNG or WebP (checked by their bytes, not their name), each at most 10 MiB. */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Per upload request, and per incident in total. */
export const PHOTO_MAX_PER_REQUEST = 9;
export const PHOTO_MAX_PER_INCIDENT = 30;
/** Thumbnails for map popups: WebP, longest side this many pixels. */
export const PHOTO_THUMB_SIZE = 320;
export const PHOTO_KINDS = ['report', 'result'] as const;

const title = z.string().trim().min(1).max(120);
const text = (max: number) => z.string().trim().max(max);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话只能包含数字、+ 和 - / phone: digits, + and - only');
const isoDate = z.iso.datetime({ offset: true });

/**
 * Where it happened: a building or site (their grid is known), or a map point whose grid and
 * nearest building are derived, or — without GPS — just the reporter's grid. At least one.
 */
export const incidentLocationSchema = z
  .object({
    buildingId: uuidSchema.nullable().default(null),
    siteId: uuidSchema.nullable().default(null),
    gridId: uuidSchema.nullable().default(null),
    lat: latSchema.nullable().default(null),
    lng: lngSchema.nullable().default(null),
    address: text(200).default(''),
  })
  .refine((l) => (l.lat === null) === (l.lng === null), {
    message: '经度和纬度须同时填写 / lat and lng go together',
    path: ['lat'],
  })
  .refine((l) => l.buildingId || l.siteId || l.gridId || l.lat !== null, {
    message: '请指定楼栋、场所、网格或地图位置 / give a building, a site, a grid or a map point (lat/lng)',
    path: ['location'],
  });
export type IncidentLocationInput = z.infer<typeof incidentLocationSchema>;

export const createIncidentSchema = z.object({
  source: incidentSourceSchema,
  category: categoryCodeSchema,
  severity: severitySchema.default('medium'),
  title,
  description: text(4000).default(''),
  location: incidentLocationSchema,
  reporterName: text(50).nullable().default(null),
  reporterPhone: phone.nullable().default(null),
  /** Overrides the deadline the rules give (office roles only). */
  deadline: isoDate.nullable().default(null),
  /** Set when the incident is part of an emergency drill (演练). */
  drillId: uuidSchema.nullable().default(null),
  /**
   * Chosen by the reporting device, once per report: a retry after a lost answer (the phone's
   * network) answers the incident already made instead of making a second one.
   */
  clientId: uuidSchema.nullable().default(null),
});
export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

/** 派单 targets: one or more departments and/or the incident's own grid. */
export const incidentTargetsSchema = z.object({
  departmentIds: z
    .array(uuidSchema)
    .max(10)
    .default([])
    .refine((a) => new Set(a).size === a.length, '部门不能重复 / departments must not repeat'),
  gridId: uuidSchema.nullable().default(null),
});
export type IncidentTargets = z.infer<typeof incidentTargetsSchema>;

const note = text(2000);
const reason = z.string().trim().min(1).max(2000);

/** The body of each `POST /api/incidents/:id/actions/:action`; every one names the version it saw. */
export const INCIDENT_ACTION_SCHEMAS = {
  accept: versionedSchema.extend({ note: note.optional() }),
  dispatch: versionedSchema.extend({
    targets: incidentTargetsSchema,
    note: note.optional(),
    deadline: isoDate.optional(),
  }),
  redispatch: versionedSchema.extend({
    targets: incidentTargetsSchema,
    reason,
    note: note.optional(),
    deadline: isoDate.optional(),
  }),
  return: versionedSchema.extend({ reason }),
  start: versionedSchema.extend({ note: note.optional() }),
  resolve: versionedSchema.extend({
    result: z.string().trim().min(1).max(4000),
    /** Result photos uploaded before with `POST /photos?kind=result`. */
    photoIds: z.array(uuidSchema).max(PHOTO_MAX_PER_REQUEST).default([]),
  }),
  /** 不满意 takes the `reopen` transition (and needs a note saying what is still wrong). */
  verify: versionedSchema.extend({ rating: ratingSchema, note: note.optional() }),
  reopen: versionedSchema.extend({ rating: z.literal('dissatisfied').default('dissatisfied'), note: reason }),
  close: versionedSchema.extend({ note: note.optional() }),
  supervise: versionedSchema.extend({ note: reason }),
} as const;
export type IncidentAction = keyof typeof INCIDENT_ACTION_SCHEMAS;
export const INCIDENT_ACTIONS = Object.keys(INCIDENT_ACTION_SCHEMAS) as IncidentAction[];

export const incidentPhotoSchema = z.object({
  id: uuidSchema,
  kind: z.enum(PHOTO_KINDS),
  mime: z.enum(PHOTO_MIME_TYPES),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** `GET` these with the bearer token (the photo is as private as its incident). */
  url: z.string(),
  thumbUrl: z.string(),
  createdAt: z.string(),
});
export type IncidentPhoto = z.infer<typeof incidentPhotoSchema>;

export const incidentSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  /** SJ-YYYYMMDD-NNNN: per street per day (Asia/Shanghai). */
  number: z.string(),
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  buildingId: uuidSchema.nullable(),
  siteId: uuidSchema.nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string(),
  source: incidentSourceSchema,
  category: z.string(),
  severity: severitySchema,
  title: z.string(),
  description: z.string(),
  state: z.enum(INCIDENT_STATES),
  /** Masked (张*明, 138****1234). */
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  hotlineTicket: z.string().nullable(),
  /** 首接首办: whoever accepted it. */
  ownerId: uuidSchema.nullable(),
  ownerName: z.string().nullable(),
  targets: z.object({ departmentIds: z.array(uuidSchema), gridId: uuidSchema.nullable() }),
  deadline: z.string().nullable(),
  /** Past its deadline while still pending (the board shows it red). */
  overdue: z.boolean(),
  /** When the scheduler raised the overdue supervision notice (once per item). */
  overdueAt: z.string().nullable(),
  supervisionCount: z.number().int(),
  lastSupervisedAt: z.string().nullable(),
  result: z.string().nullable(),
  rating: ratingSchema.nullable(),
  photos: z.array(incidentPhotoSchema),
  reportedAt: z.string(),
  reportedById: uuidSchema.nullable(),
  reportedByName: z.string(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  drillId: uuidSchema.nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** One line of the timeline: every step has an actor, a time and a note. */
/**
 * `action`: a workflow action, or `report`, `photo`, `overdue`, `whistle`, `import_update`; `detail`:
 * targets / previousTargets / reason / rating / photoIds / deadline, as the action has them.
 */
export const incidentStepSchema = timelineStepSchema.extend({ incidentId: uuidSchema, ...stateChangeShape });
export type IncidentStep = z.infer<typeof incidentStepSchema>;

export const incidentDetailSchema = incidentSchema.extend({ timeline: z.array(incidentStepSchema) });
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;
export const incidentActionResultSchema = z.object({ incident: incidentSchema, step: incidentStepSchema });
export type IncidentActionResult = z.infer<typeof incidentActionResultSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).min(1).optional());
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const incidentListQuerySchema = listQuerySchema.extend({
  state: csv(z.enum(INCIDENT_STATES)),
  category: csv(categoryCodeSchema),
  severity: csv(severitySchema),
  source: csv(incidentSourceSchema),
  gridId: uuidSchema.optional(),
  departmentId: uuidSchema.optional(),
  overdue: boolParam.optional(),
  /** Reported by me or owned by me (the phone page's "my items"). */
  mine: boolParam.optional(),
  /** Number, title, description, address or hotline ticket contains this. */
  q: z.string().trim().min(1).max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** include (default: participants see drill items, marked), exclude, only */
  drill: z.enum(['include', 'exclude', 'only']).default('include'),
  /** reported: newest first (the duty queue); deadline: the most urgent first, none last (my queue). */
  sort: z.enum(['reported', 'deadline']).default('reported'),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;
export const incidentPageSchema = pageSchema(incidentSchema);

export const incidentCountsSchema = z.object({
  byState: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  seq: z.number().int(),
});

export const revealedContactSchema = z.object({
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  /** In clear text: the DTO masks phone and ID numbers residents type into it. */
  description: z.string(),
});
export type RevealedContact = z.infer<typeof revealedContactSchema>;

// ── configuration ──────────────────────────────────────────────────────────────

export const incidentCategorySchema = z.object({
  code: categoryCodeSchema,
  label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type IncidentCategory = z.infer<typeof incidentCategorySchema>;
export const upsertCategorySchema = z.object({
  label: z.object({ 'zh-CN': z.string().trim().min(1).max(40), 'en-US': z.string().trim().min(1).max(60) }),
  sort: z.number().int().min(0).max(10_000).default(100),
  active: z.boolean().default(true),
});

/**
 * 处置时限: the most specific matching rule wins (a source match outweighs category + severity;
 * category outweighs severity). `workdays` counts only the hours of working days (Chinese public
 * holidays skipped, 调休 make-up Saturdays counted); `natural` counts every hour.
 */
export const DEADLINE_CALENDARS = ['natural', 'workdays'] as const;
export const deadlineRuleInputSchema = z.object({
  category: categoryCodeSchema.nullable().default(null),
  severity: severitySchema.nullable().default(null),
  source: incidentSourceSchema.nullable().default(null),
  hours: z
    .number()
    .min(0.25)
    .max(24 * 366),
  calendar: z.enum(DEADLINE_CALENDARS),
});
export const deadlineRuleSchema = deadlineRuleInputSchema.extend({ id: uuidSchema, version: z.number().int() });
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** An admin's correction of the national calendar (the State Council publishes next year's in autumn). */
export const workdayOverrideSchema = z.object({
  date: z.iso.date(),
  workday: z.boolean(),
  note: z.string().trim().max(100).default(''),
});
export type WorkdayOverride = z.infer<typeof workdayOverrideSchema>;
export const workdayOverrideInputSchema = workdayOverrideSchema.omit({ date: true });

/** A street's own names for the canonical states (timers and statistics keep keying off the state). */
export const stateLabelsSchema = z.record(
  z.enum(INCIDENT_STATES),
  z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
);
export const stateLabelInputSchema = z.object({
  'zh-CN': z.string().trim().min(1).max(20),
  'en-US': z.string().trim().min(1).max(40),
});

/** Fields a hotline spreadsheet can fill; the mapping names the column header for each. */
export const IMPORT_FIELDS = [
  'ticket',
  'title',
  'description',
  'category',
  'severity',
  'address',
  'lat',
  'lng',
  'gridCode',
  'reporterName',
  'reporterPhone',
  'reportedAt',
  'deadline',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const importMappingSchema = z.object({
  columns: z
    .partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(60))
    .refine((c) => c.ticket && c.title, '工单号和标题列为必填 / the ticket and title columns are required'),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;
/** The headers of a typical 12345 export (used until a street saves its own mapping). */
export const DEFAULT_HOTLINE_MAPPING: ImportMapping = {
  columns: {
    ticket: '工单编号',
    title: '标题',
    description: '诉求内容',
    category: '诉求类型',
    severity: '紧急程度',
    address: '地址',
    lat: '纬度',
    lng: '经度',
    gridCode: '网格编号',
    reporterName: '来电人',
    reporterPhone: '来电号码',
    reportedAt: '受理时间',
    deadline: '办理时限',
  },
};
export const importSourceSchema = z.enum(['hotline_12345', 'digital_city']);
export const hotlineImportResultSchema = z.object({
  created: z.number().int(),
  /** Tickets imported before whose data changed: the same incident, updated, with a timeline step. */
  updated: z.number().int(),
  /** Tickets imported before with nothing new. */
  unchanged: z.number().int(),
  /** Rows rejected; a non-empty list means nothing was written (the answer is then a 400). */
  rejected: z.number().int(),
  incidentIds: z.array(uuidSchema),
});
export type HotlineImportResult = z.infer<typeof hotlineImportResultSchema>;

// ── events ────────────────────────────────────────────────────────────────────

export const incidentEvents = {
  /** A new incident (reported on the phone, by the duty room, or imported). */
  'incident.created': z.object({ incident: incidentSchema, step: incidentStepSchema }),
  /** Any step: an action, a photo, an imported update. Upsert `incident`, append `step`. */
  'incident.changed': z.object({ incident: incidentSchema, step: incidentStepSchema }),
  /** The deadline passed while pending: raised once per item, with its automatic 督办 step. */
  'incident.overdue': z.object({ incident: incidentSchema, step: incidentStepSchema }),
  /** Categories, deadline rules, state labels or the working calendar changed: reload them. */
  'incident.config_changed': z.object({ kind: z.enum(['categories', 'deadline_rules', 'state_labels', 'calendar']) }),
} as const;
