import { z } from 'zod';
import { listQuerySchema, MAX_VERSION, pageSchema, versionedSchema } from './api';
import { latSchema, lngSchema } from './geo';
import { bboxSchema, phoneSchema, SITE_TYPES, SUPERVISION_GRADES } from './geo-registry';
import { PHOTO_MAX_PER_REQUEST, PHOTO_MIME_TYPES, type Severity, severitySchema } from './incidents';
import { uuidSchema } from './jurisdiction';
import { type Label, stateChangeShape, timelineStepSchema } from './workflow';
import { HAZARD_STATES } from './workflows/hazard';

/**
 * 安全排查 contracts (DOMAIN.md "Safety inspections"): sites under graded supervision (分级包保) are
 * inspected against versioned checklists (检查表), often inside a campaign (专项行动) run jointly with
 * departments; a failed item becomes a hazard (隐患) with a rectification deadline (整改期限) that is
 * closed (销号) only after a re-inspection by someone else, with photos. Drill data never counts.
 */

// ── graded supervision ─────────────────────────────────────────────────────────

export type SupervisionGrade = (typeof SUPERVISION_GRADES)[number];
/** 分级包保: A monthly, B quarterly, C half-yearly, unless the street configures otherwise. */
export const DEFAULT_INTERVAL_MONTHS: Record<SupervisionGrade, number> = { A: 1, B: 3, C: 6 };
/** "Due" means due within this many days, unless the query says otherwise. */
export const DEFAULT_DUE_WITHIN_DAYS = 14;

const months = z.number().int().min(1).max(36);
export const intervalMonthsSchema = z.object({ A: months, B: months, C: months });
export type IntervalMonths = z.infer<typeof intervalMonthsSchema>;
export const inspectionSettingsSchema = z.object({
  streetId: uuidSchema,
  intervalMonths: intervalMonthsSchema,
  /** 0 while the street uses the defaults. */
  version: z.number().int(),
});
export type InspectionSettings = z.infer<typeof inspectionSettingsSchema>;
/** `PUT /api/inspections/intervals` (`version` 0 replaces the defaults). */
export const updateIntervalsSchema = z.object({
  streetId: uuidSchema.optional(),
  intervalMonths: intervalMonthsSchema,
  version: z.number().int().min(0).max(MAX_VERSION),
});
export const settingsQuerySchema = z.object({ streetId: uuidSchema.optional() });

/** never inspected, past its next due date, due within the window, or fine. */
export const DUE_STATUSES = ['never', 'overdue', 'due', 'ok'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];
export const DUE_STATUS_LABELS: Record<DueStatus, Label> = {
  never: { 'zh-CN': '从未检查', 'en-US': 'Never inspected' },
  overdue: { 'zh-CN': '已超期', 'en-US': 'Overdue' },
  due: { 'zh-CN': '即将到期', 'en-US': 'Due soon' },
  ok: { 'zh-CN': '正常', 'en-US': 'Up to date' },
};

export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, Label> = {
  pass: { 'zh-CN': '合格', 'en-US': 'Passed' },
  fail: { 'zh-CN': '发现隐患', 'en-US': 'Hazards found' },
};

// ── checklist templates (检查表) ────────────────────────────────────────────────

export const CHECKLIST_ITEM_KINDS = ['yes_no', 'number', 'text', 'choice', 'photo_required'] as const;
export type ChecklistItemKind = (typeof CHECKLIST_ITEM_KINDS)[number];
export const CHECKLIST_ITEM_KIND_LABELS: Record<ChecklistItemKind, Label> = {
  yes_no: { 'zh-CN': '是/否', 'en-US': 'Yes / no' },
  number: { 'zh-CN': '数值', 'en-US': 'Number' },
  text: { 'zh-CN': '文字', 'en-US': 'Text' },
  choice: { 'zh-CN': '单选', 'en-US': 'Choice' },
  photo_required: { 'zh-CN': '拍照', 'en-US': 'Photo' },
};

/** Stable across versions of a template: a hazard recurs when the same site fails the same key again. */
export const itemKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (1–40)');
const itemText = z.string().trim().min(1).max(200);
const itemCommon = {
  label: itemText,
  hint: z.string().trim().max(500).default(''),
  /** A required item must be answered (a photo item: with at least `minPhotos` photos). */
  required: z.boolean().default(true),
  /** The severity a hazard raised from this item starts with. */
  hazardSeverity: severitySchema.default('medium'),
};
const itemKinds = {
  /** Fails when the answer is not `passWhen` ("存在飞线充电?" passes on "no"). */
  yes_no: { kind: z.literal('yes_no'), passWhen: z.enum(['yes', 'no']).default('yes') },
  /** Fails outside [min, max]. */
  number: {
    kind: z.literal('number'),
    min: z.number().finite().nullable().default(null),
    max: z.number().finite().nullable().default(null),
    unit: z.string().trim().max(20).default(''),
  },
  /** Informative, never fails. */
  text: { kind: z.literal('text') },
  /** Fails when the chosen option has `pass: false`. */
  choice: {
    kind: z.literal('choice'),
    options: z
      .array(
        z.object({
          value: z.string().trim().min(1).max(40),
          label: z.string().trim().min(1).max(100),
          pass: z.boolean(),
        }),
      )
      .min(2)
      .max(20),
  },
  /** Evidence: at least `minPhotos` photos; never fails by itself. */
  photo_required: { kind: z.literal('photo_required'), minPhotos: z.number().int().min(1).max(9).default(1) },
} as const;

function itemsSchema<K extends z.ZodType>(key: K) {
  const item = z.discriminatedUnion('kind', [
    z.object({ key, ...itemCommon, ...itemKinds.yes_no }),
    z.object({ key, ...itemCommon, ...itemKinds.number }),
    z.object({ key, ...itemCommon, ...itemKinds.text }),
    z.object({ key, ...itemCommon, ...itemKinds.choice }),
    z.object({ key, ...itemCommon, ...itemKinds.photo_required }),
  ]);
  return z
    .array(item)
    .min(1)
    .max(200)
    .superRefine((items, ctx) => {
      const keys = new Set<string>();
      (items as readonly ItemShape[]).forEach((it, i) => {
        if (it.key !== undefined && keys.has(it.key)) {
          ctx.addIssue({ code: 'custom', path: [i, 'key'], message: '检查项编号不能重复 / item keys must not repeat' });
        }
        if (it.key !== undefined) keys.add(it.key);
        if (it.min != null && it.max != null && it.min > it.max) {
          ctx.addIssue({ code: 'custom', path: [i, 'max'], message: 'max must not be below min' });
        }
        if (it.options && new Set(it.options.map((o) => o.value)).size !== it.options.length) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'options'],
            message: '选项值不能重复 / option values must not repeat',
          });
        }
      });
    });
}
/** The fields the cross-item checks look at, whatever the item's kind. */
interface ItemShape {
  key?: string;
  min?: number | null;
  max?: number | null;
  options?: { value: string }[];
}
/** What an editor sends: keys may be left out for new items (the server assigns them). */
export const checklistItemsInputSchema = itemsSchema(itemKeySchema.optional());
/** What a template version holds: every item keyed. */
export const checklistItemsSchema = itemsSchema(itemKeySchema);
export type ChecklistItem = z.infer<typeof checklistItemsSchema>[number];
export type ChecklistItemInput = z.infer<typeof checklistItemsInputSchema>[number];

export const CAMPAIGN_TYPES = [
  'fire',
  'gas',
  'geological',
  'self_built_house',
  'flying_wire_charging',
  'food_safety',
  'other',
] as const;
export const campaignTypeSchema = z.enum(CAMPAIGN_TYPES);
export type CampaignType = z.infer<typeof campaignTypeSchema>;
export const CAMPAIGN_TYPE_LABELS: Record<CampaignType, Label> = {
  fire: { 'zh-CN': '消防安全', 'en-US': 'Fire safety' },
  gas: { 'zh-CN': '燃气安全', 'en-US': 'Gas safety' },
  geological: { 'zh-CN': '地质灾害', 'en-US': 'Geological hazards' },
  self_built_house: { 'zh-CN': '自建房安全', 'en-US': 'Self-built houses' },
  flying_wire_charging: { 'zh-CN': '飞线充电', 'en-US': 'Flying-wire e-bike charging' },
  food_safety: { 'zh-CN': '食品安全', 'en-US': 'Food safety' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(2000);
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, '不能重复 / must not repeat');
const siteTypes = uniqueList(z.enum(SITE_TYPES), SITE_TYPES.length);
const campaignTypes = uniqueList(campaignTypeSchema, CAMPAIGN_TYPES.length);

export const createTemplateSchema = z.object({
  /** District-wide administrators name the street; everyone else writes to their own. */
  streetId: uuidSchema.optional(),
  name,
  description: description.default(''),
  /** The site types it is meant for (empty: any). */
  siteTypes: siteTypes.default([]),
  /** The campaign types it is meant for (empty: routine inspections). */
  campaignTypes: campaignTypes.default([]),
  items: checklistItemsInputSchema,
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;
/** Changing `name` or `items` creates a new version; records keep the version they were made with. */
export const updateTemplateSchema = versionedSchema.extend({
  name: name.optional(),
  description: description.optional(),
  siteTypes: siteTypes.optional(),
  campaignTypes: campaignTypes.optional(),
  items: checklistItemsInputSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

export const templateVersionSchema = z.object({
  id: uuidSchema,
  templateId: uuidSchema,
  /** 1, 2, 3 … */
  number: z.number().int(),
  name: z.string(),
  items: checklistItemsSchema,
  createdAt: z.string(),
  createdByName: z.string(),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;
export const templateSchema = z.object({
  id: uuidSchema,
  /** Optimistic concurrency of the template itself (not its version number). */
  version: z.number().int(),
  streetId: uuidSchema,
  name: z.string(),
  description: z.string(),
  siteTypes: z.array(z.enum(SITE_TYPES)),
  campaignTypes: z.array(campaignTypeSchema),
  active: z.boolean(),
  currentVersion: templateVersionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;
export const templatePageSchema = pageSchema(templateSchema);
export const templateVersionListSchema = z.object({ items: z.array(templateVersionSchema) });

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).min(1).optional());
const isoDate = z.iso.datetime({ offset: true });
const day = z.iso.date();
const q = z.string().trim().min(1).max(100).optional();
const drillFilter = z.enum(['include', 'exclude', 'only']).default('include');

export const templateListQuerySchema = listQuerySchema.extend({
  /** Templates meant for this site type (and those meant for any). */
  siteType: z.enum(SITE_TYPES).optional(),
  campaignType: campaignTypeSchema.optional(),
  active: boolParam.optional(),
  q,
});
export type TemplateListQuery = z.infer<typeof templateListQuerySchema>;

// ── campaigns (专项行动) ────────────────────────────────────────────────────────

export const CAMPAIGN_STATUSES = ['upcoming', 'active', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, Label> = {
  upcoming: { 'zh-CN': '未开始', 'en-US': 'Upcoming' },
  active: { 'zh-CN': '进行中', 'en-US': 'Active' },
  ended: { 'zh-CN': '已结束', 'en-US': 'Ended' },
};

const campaignFields = {
  name,
  type: campaignTypeSchema,
  description,
  /** Asia/Shanghai calendar days, both included. */
  startsOn: day,
  endsOn: day,
  /**
   * Target sites: those of these types, plus the nine small places when `nineSmall`, inside
   * `gridIds` (empty: the whole street). No type and no `nineSmall`: every site in those grids.
   */
  siteTypes,
  nineSmall: z.boolean(),
  gridIds: uniqueList(uuidSchema, 500),
  /** 联合排查: departments working the campaign; their staff see its records and hazards. */
  departmentIds: uniqueList(uuidSchema, 20),
  templateId: uuidSchema,
};
export const createCampaignSchema = z
  .object({
    streetId: uuidSchema.optional(),
    ...campaignFields,
    description: description.default(''),
    siteTypes: siteTypes.default([]),
    nineSmall: z.boolean().default(false),
    gridIds: campaignFields.gridIds.default([]),
    departmentIds: campaignFields.departmentIds.default([]),
    /** Set when the campaign is part of an emergency drill (演练). */
    drillId: uuidSchema.nullable().default(null),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
/** Changing the targeting recomputes the target sites; changing departments re-scopes its records and hazards. */
export const updateCampaignSchema = versionedSchema.extend(z.object(campaignFields).partial().shape);
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

/** Live progress over real (non-drill) data; a drill campaign counts its own drill's data. */
export const campaignProgressSchema = z.object({
  /** target sites */
  targeted: z.number().int(),
  /** target sites with at least one record in the campaign */
  inspected: z.number().int(),
  /** inspected sites whose latest campaign record passed / found hazards */
  passed: z.number().int(),
  failed: z.number().int(),
  records: z.number().int(),
  hazardsFound: z.number().int(),
  hazardsClosed: z.number().int(),
  hazardsOpen: z.number().int(),
  /** open or rectifying past the deadline */
  hazardsOverdue: z.number().int(),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

export const campaignSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  streetId: uuidSchema,
  name: z.string(),
  type: campaignTypeSchema,
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  siteTypes: z.array(z.enum(SITE_TYPES)),
  nineSmall: z.boolean(),
  gridIds: z.array(uuidSchema),
  departmentIds: z.array(uuidSchema),
  departments: z.array(z.object({ id: uuidSchema, name: z.string() })),
  templateId: uuidSchema,
  templateName: z.string(),
  progress: campaignProgressSchema,
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  drillId: uuidSchema.nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignPageSchema = pageSchema(campaignSchema);
export const campaignListQuerySchema = listQuerySchema.extend({
  status: csv(z.enum(CAMPAIGN_STATUSES)),
  type: csv(campaignTypeSchema),
  departmentId: uuidSchema.optional(),
  q,
  drill: drillFilter,
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

/** The progress panel: totals and one row per grid that has target sites. */
export const campaignProgressDetailSchema = z.object({
  campaignId: uuidSchema,
  progress: campaignProgressSchema,
  byGrid: z.array(
    campaignProgressSchema
      .pick({ targeted: true, inspected: true, failed: true, hazardsOpen: true, hazardsClosed: true })
      .extend({ gridId: uuidSchema, gridCode: z.string(), gridName: z.string() }),
  ),
  seq: z.number().int(),
});
export type CampaignProgressDetail = z.infer<typeof campaignProgressDetailSchema>;

// ── photos ─────────────────────────────────────────────────────────────────────

/** Per inspection record (all items and hazards together). */
export const INSPECTION_PHOTO_MAX_PER_RECORD = 30;
/** Uploaded photos not used by a record or hazard within this many hours are deleted. */
export const UNUSED_PHOTO_TTL_HOURS = 72;
export const inspectionPhotoSchema = z.object({
  id: uuidSchema,
  mime: z.enum(PHOTO_MIME_TYPES),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** `GET` with the bearer token: as private as the record or hazard it belongs to. */
  url: z.string(),
  thumbUrl: z.string(),
  createdAt: z.string(),
});
export type InspectionPhoto = z.infer<typeof inspectionPhotoSchema>;
export const photoUploadResultSchema = z.object({ photos: z.array(inspectionPhotoSchema) });

// ── hazards (隐患) ──────────────────────────────────────────────────────────────

/** 整改期限 when none is given, by severity (days). */
export const HAZARD_DEADLINE_DAYS: Record<Severity, number> = { low: 30, medium: 15, high: 7, critical: 3 };
/** States in which the rectification clock runs (awaiting re-inspection: the party has done its part). */
export const HAZARD_PENDING_STATES = [
  'open',
  'rectifying',
] as const satisfies readonly (typeof HAZARD_STATES)[number][];

/** A date is the end of that Asia/Shanghai day; a time is taken as is. */
export const deadlineSchema = z.union([day, isoDate]);

const photoIds = uniqueList(uuidSchema, PHOTO_MAX_PER_REQUEST);
const hazardFields = {
  severity: severitySchema.optional(),
  description: z.string().trim().min(1).max(2000),
  /** 责任单位 (the business, the landlord); shown as is. */
  responsibleParty: z.string().trim().max(100).default(''),
  /** 责任人 and phone: personal data, masked in every answer. */
  responsibleContact: z.string().trim().min(1).max(50).nullable().default(null),
  responsiblePhone: phoneSchema.nullable().default(null),
  /** 整改期限; by severity when left out (HAZARD_DEADLINE_DAYS). */
  deadline: deadlineSchema.optional(),
  /** Photos of the finding, uploaded before with `POST /api/inspections/photos`. */
  photoIds: photoIds.default([]),
};
/** A hazard raised in the record that found it: from a failed item, or (itemKey null) a finding outside the list. */
export const recordHazardSchema = z.object({ itemKey: itemKeySchema.nullable().default(null), ...hazardFields });
/** `POST /api/hazards`: a hazard raised afterwards from a visible record's failed item. */
export const createHazardSchema = z.object({
  recordId: uuidSchema,
  itemKey: itemKeySchema.nullable().default(null),
  ...hazardFields,
});
export type RecordHazardInput = z.infer<typeof recordHazardSchema>;
export type CreateHazardInput = z.infer<typeof createHazardSchema>;

const note = z.string().trim().max(2000);
const reason = z.string().trim().min(1).max(2000);
/** `POST /api/hazards/:id/actions/:action` bodies; each names the version it saw. */
export const HAZARD_ACTION_SCHEMAS = {
  start_rectification: versionedSchema.extend({ note: note.optional() }),
  /** 整改完成: what was done, with photos of the result. */
  submit_rectification: versionedSchema.extend({ note: reason, photoIds: photoIds.default([]) }),
  /** 复查通过销号: with the re-inspection record (another user than the finder, with photos). */
  recheck_pass: versionedSchema.extend({ recordId: uuidSchema.optional(), note: note.optional() }),
  /** 复查不通过: back to rectifying, optionally with a new deadline. */
  recheck_fail: versionedSchema.extend({
    note: reason,
    recordId: uuidSchema.optional(),
    deadline: deadlineSchema.optional(),
  }),
  request_extension: versionedSchema.extend({ until: deadlineSchema, reason }),
  approve_extension: versionedSchema.extend({ note: note.optional() }),
  reject_extension: versionedSchema.extend({ note: reason }),
  supervise: versionedSchema.extend({ note: reason }),
} as const;
export type HazardAction = keyof typeof HAZARD_ACTION_SCHEMAS;
export const HAZARD_ACTIONS = Object.keys(HAZARD_ACTION_SCHEMAS) as HazardAction[];

export const extensionRequestSchema = z.object({
  until: z.string(),
  reason: z.string(),
  requestedById: uuidSchema.nullable(),
  requestedByName: z.string(),
  requestedAt: z.string(),
});

export const hazardSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  /** YH-YYYYMMDD-NNNN: per street per day (Asia/Shanghai). */
  number: z.string(),
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  /** The departments of its campaign (联合排查): their staff see it. */
  departmentIds: z.array(uuidSchema),
  siteId: uuidSchema,
  siteName: z.string(),
  siteType: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  campaignId: uuidSchema.nullable(),
  campaignName: z.string().nullable(),
  recordId: uuidSchema,
  templateId: uuidSchema.nullable(),
  itemKey: z.string().nullable(),
  itemLabel: z.string().nullable(),
  severity: severitySchema,
  description: z.string(),
  responsibleParty: z.string(),
  /** masked */
  responsibleContact: z.string().nullable(),
  /** masked */
  responsiblePhone: z.string().nullable(),
  deadline: z.string(),
  originalDeadline: z.string(),
  state: z.enum(HAZARD_STATES),
  /** Past its deadline while open or rectifying. */
  overdue: z.boolean(),
  /** When the scheduler sent the supervision notice for the current deadline (once per deadline). */
  overdueAt: z.string().nullable(),
  supervisionCount: z.number().int(),
  lastSupervisedAt: z.string().nullable(),
  /** Approved extensions (延期). */
  extensionCount: z.number().int(),
  extensionRequest: extensionRequestSchema.nullable(),
  /** The same site failed the same checklist item before. */
  recurring: z.boolean(),
  previousHazardId: uuidSchema.nullable(),
  foundAt: z.string(),
  foundById: uuidSchema.nullable(),
  foundByName: z.string(),
  photos: z.array(inspectionPhotoSchema),
  rectificationNote: z.string().nullable(),
  rectificationPhotos: z.array(inspectionPhotoSchema),
  submittedAt: z.string().nullable(),
  recheckRecordId: uuidSchema.nullable(),
  recheckedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  drillId: uuidSchema.nullable(),
});
export type Hazard = z.infer<typeof hazardSchema>;

/** `action`: a workflow action, or `found`, `overdue`. */
export const hazardStepSchema = timelineStepSchema.extend({ hazardId: uuidSchema, ...stateChangeShape });
export type HazardStep = z.infer<typeof hazardStepSchema>;
export const hazardDetailSchema = hazardSchema.extend({ timeline: z.array(hazardStepSchema) });
export type HazardDetail = z.infer<typeof hazardDetailSchema>;
export const hazardActionResultSchema = z.object({ hazard: hazardSchema, step: hazardStepSchema });
export type HazardActionResult = z.infer<typeof hazardActionResultSchema>;
export const hazardPageSchema = pageSchema(hazardSchema);
export const hazardCountsSchema = z.object({
  byState: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  recurring: z.number().int(),
  seq: z.number().int(),
});
export const hazardRevealSchema = z.object({
  id: uuidSchema,
  responsibleContact: z.string().nullable(),
  responsiblePhone: z.string().nullable(),
});

export const hazardListQuerySchema = listQuerySchema.extend({
  state: csv(z.enum(HAZARD_STATES)),
  severity: csv(severitySchema),
  siteId: uuidSchema.optional(),
  campaignId: uuidSchema.optional(),
  gridId: uuidSchema.optional(),
  recordId: uuidSchema.optional(),
  overdue: boolParam.optional(),
  recurring: boolParam.optional(),
  /** Found by me. */
  mine: boolParam.optional(),
  /** Number, site name, description or responsible party contains this. */
  q,
  /** Found in [from, to). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  drill: drillFilter,
});
export type HazardListQuery = z.infer<typeof hazardListQuerySchema>;

// ── inspection records ─────────────────────────────────────────────────────────

export const answerInputSchema = z.object({
  itemKey: itemKeySchema,
  /** yes_no: boolean; number: number; text and choice: string; photo_required: null. */
  value: z
    .union([z.boolean(), z.number().finite(), z.string().trim().max(2000)])
    .nullable()
    .default(null),
  note: z.string().trim().max(1000).default(''),
  /** Uploaded before with `POST /api/inspections/photos`. */
  photoIds: photoIds.default([]),
});
export type AnswerInput = z.infer<typeof answerInputSchema>;

export const createRecordSchema = z
  .object({
    /**
     * Generated by the device when the form is opened: submitting the same id again (a retry after
     * a dropped connection) answers the record already made instead of making a second one.
     */
    clientId: uuidSchema,
    siteId: uuidSchema,
    /** The exact template version the form was filled in (an older one is fine: drafts live on). */
    templateVersionId: uuidSchema,
    campaignId: uuidSchema.nullable().default(null),
    answers: z.array(answerInputSchema).max(200),
    /** Failed items (or other findings) turned into hazards in the same request. */
    hazards: z.array(recordHazardSchema).max(50).default([]),
    /** Where the phone was (GPS). */
    lat: latSchema.nullable().default(null),
    lng: lngSchema.nullable().default(null),
    accuracy: z.number().min(0).max(100_000).nullable().default(null),
    /** When the form was filled in, if it was submitted later (up to 7 days); now otherwise. */
    inspectedAt: isoDate.optional(),
    note: z.string().trim().max(2000).default(''),
    /** Photos of the visit not tied to an item. */
    photoIds: photoIds.default([]),
    drillId: uuidSchema.nullable().default(null),
  })
  .refine((r) => (r.lat === null) === (r.lng === null), {
    message: '经度和纬度须同时填写 / lat and lng go together',
    path: ['lat'],
  });
export type CreateRecordInput = z.infer<typeof createRecordSchema>;

export const answerSchema = z.object({
  itemKey: z.string(),
  label: z.string(),
  kind: z.enum(CHECKLIST_ITEM_KINDS),
  value: z.union([z.boolean(), z.number(), z.string()]).nullable(),
  /** null for items that cannot fail (text, photo) or were left unanswered. */
  passed: z.boolean().nullable(),
  note: z.string(),
  photos: z.array(inspectionPhotoSchema),
});
export type Answer = z.infer<typeof answerSchema>;

export const recordSchema = z.object({
  id: uuidSchema,
  clientId: uuidSchema,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  departmentIds: z.array(uuidSchema),
  siteId: uuidSchema,
  siteName: z.string(),
  siteType: z.string(),
  address: z.string(),
  campaignId: uuidSchema.nullable(),
  campaignName: z.string().nullable(),
  templateId: uuidSchema,
  templateName: z.string(),
  templateVersionId: uuidSchema,
  templateVersion: z.number().int(),
  answers: z.array(answerSchema),
  result: z.enum(INSPECTION_RESULTS),
  failedItems: z.array(z.string()),
  hazardIds: z.array(uuidSchema),
  photos: z.array(inspectionPhotoSchema),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracy: z.number().nullable(),
  /** Metres between the phone and the site, when GPS was given. */
  distanceM: z.number().nullable(),
  inspectedAt: z.string(),
  submittedAt: z.string(),
  inspectorId: uuidSchema,
  inspectorName: z.string(),
  note: z.string(),
  drillId: uuidSchema.nullable(),
});
export type InspectionRecord = z.infer<typeof recordSchema>;
export const recordResultSchema = z.object({ record: recordSchema, hazards: z.array(hazardSchema) });
export type RecordResult = z.infer<typeof recordResultSchema>;
export const recordPageSchema = pageSchema(recordSchema);
export const recordListQuerySchema = listQuerySchema.extend({
  siteId: uuidSchema.optional(),
  campaignId: uuidSchema.optional(),
  gridId: uuidSchema.optional(),
  result: z.enum(INSPECTION_RESULTS).optional(),
  /** Made by me. */
  mine: boolParam.optional(),
  /** Inspected in [from, to). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  drill: drillFilter,
});
export type RecordListQuery = z.infer<typeof recordListQuerySchema>;

// ── site status (the board layer and the due list) ─────────────────────────────

export const siteStatusSchema = z.object({
  siteId: uuidSchema,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  /** Departments of campaigns that target the site. */
  departmentIds: z.array(uuidSchema),
  name: z.string(),
  type: z.enum(SITE_TYPES),
  grade: z.enum(SUPERVISION_GRADES),
  nineSmall: z.boolean(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  intervalMonths: z.number().int(),
  lastInspectedAt: z.string().nullable(),
  lastRecordId: uuidSchema.nullable(),
  lastResult: z.enum(INSPECTION_RESULTS).nullable(),
  nextDueAt: z.string().nullable(),
  dueStatus: z.enum(DUE_STATUSES),
  openHazards: z.number().int(),
  overdueHazards: z.number().int(),
  /** The worst severity among open hazards (the layer's colour). */
  maxOpenSeverity: severitySchema.nullable(),
});
export type SiteStatus = z.infer<typeof siteStatusSchema>;
export const siteStatusPageSchema = pageSchema(siteStatusSchema);
export const siteStatusQuerySchema = listQuerySchema.extend({
  communityId: uuidSchema.optional(),
  gridId: uuidSchema.optional(),
  type: csv(z.enum(SITE_TYPES)),
  grade: csv(z.enum(SUPERVISION_GRADES)),
  nineSmall: boolParam.optional(),
  /** Targets of this campaign only. */
  campaignId: uuidSchema.optional(),
  dueStatus: csv(z.enum(DUE_STATUSES)),
  /** Sites with open hazards (true) or without (false). */
  openHazards: boolParam.optional(),
  q,
  bbox: bboxSchema,
  /** "due" = next due date within this many days. */
  withinDays: z.coerce.number().int().min(0).max(366).default(DEFAULT_DUE_WITHIN_DAYS),
});
export type SiteStatusQuery = z.infer<typeof siteStatusQuerySchema>;

// ── ledgers (台账) and the monthly summary ──────────────────────────────────────

export const ledgerQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  campaignId: uuidSchema.optional(),
  gridId: uuidSchema.optional(),
  siteId: uuidSchema.optional(),
});
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;
export const hazardLedgerQuerySchema = ledgerQuerySchema.extend({ state: csv(z.enum(HAZARD_STATES)) });
export type HazardLedgerQuery = z.infer<typeof hazardLedgerQuerySchema>;

export const summaryQuerySchema = z.object({
  /** YYYY-MM (Asia/Shanghai); the current month when left out. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional(),
  campaignId: uuidSchema.optional(),
});
const summaryCounts = {
  records: z.number().int(),
  failedRecords: z.number().int(),
  hazardsFound: z.number().int(),
  hazardsClosed: z.number().int(),
};
export const monthlySummarySchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  records: z.object({
    total: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    /** distinct sites inspected */
    sites: z.number().int(),
  }),
  hazards: z.object({
    found: z.number().int(),
    /** closed this month (whenever found) */
    closed: z.number().int(),
    /** of those, closed by their deadline */
    closedOnTime: z.number().int(),
    /** found by the month's end and not closed by then */
    openAtEnd: z.number().int(),
    /** of those, past their deadline at the month's end */
    overdueAtEnd: z.number().int(),
    extensions: z.number().int(),
    recurring: z.number().int(),
    /** closed / (closed + openAtEnd), null when there is nothing */
    closureRate: z.number().nullable(),
  }),
  byGrid: z.array(z.object({ gridId: uuidSchema, gridCode: z.string(), gridName: z.string(), ...summaryCounts })),
  byCampaign: z.array(z.object({ campaignId: uuidSchema, name: z.string(), ...summaryCounts })),
});
export type MonthlySummary = z.infer<typeof monthlySummarySchema>;

// ── events ─────────────────────────────────────────────────────────────────────

export const inspectionEvents = {
  /** A record was submitted (with the hazards it raised and the site's new status). */
  'inspection.recorded': z.object({
    record: recordSchema,
    hazards: z.array(hazardSchema),
    siteStatus: siteStatusSchema,
  }),
  'inspection.template.changed': z.object({ template: templateSchema }),
  'inspection.intervals.changed': z.object({ settings: inspectionSettingsSchema }),
  /** Found, or any step of its lifecycle; `siteStatus` recolours the board layer. */
  'hazard.changed': z.object({ hazard: hazardSchema, step: hazardStepSchema, siteStatus: siteStatusSchema }),
  /** The rectification deadline passed: supervision notice (督办), once per deadline. */
  'hazard.overdue': z.object({ hazard: hazardSchema, step: hazardStepSchema, siteStatus: siteStatusSchema }),
  'campaign.changed': z.object({ campaign: campaignSchema }),
  /** A campaign's figures after a record or hazard change. */
  'campaign.progress': z.object({ campaignId: uuidSchema, streetId: uuidSchema, progress: campaignProgressSchema }),
} as const;

// ── checklist evaluation (the phone page shows it live; the server decides with the same code) ──

type AnswerValue = boolean | number | string | null;

/** Whether an answer passes its item: null when the item cannot fail or is left unanswered. */
export function answerPasses(item: ChecklistItem, value: AnswerValue): boolean | null {
  if (value === null) return null;
  switch (item.kind) {
    case 'yes_no':
      return typeof value === 'boolean' ? value === (item.passWhen === 'yes') : null;
    case 'number':
      return typeof value === 'number'
        ? (item.min === null || value >= item.min) && (item.max === null || value <= item.max)
        : null;
    case 'choice':
      return item.options.find((o) => o.value === value)?.pass ?? null;
    default:
      return null;
  }
}

export interface AnswerProblem {
  /** `answers[3].value`, `answers.gas_alarm` (a required item left out) */
  field: string;
  code: 'unknown_item' | 'duplicate' | 'required' | 'wrong_type' | 'unknown_option' | 'photos_required';
  message: string;
}

const EXPECTED: Record<ChecklistItemKind, string> = {
  yes_no: '是/否 / true or false',
  number: '数值 / a number',
  text: '文字 / text',
  choice: '选项之一 / one of the options',
  photo_required: '照片 / photos',
};

/** Every problem with a set of answers to a checklist, each naming its field (in both languages). */
export function checkAnswers(items: readonly ChecklistItem[], answers: readonly AnswerInput[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const item = items.find((it) => it.key === a.itemKey);
    const at = `answers[${i}]`;
    if (!item) {
      problems.push({
        field: `${at}.itemKey`,
        code: 'unknown_item',
        message: `检查表中没有此项 / No such item: ${a.itemKey}`,
      });
      return;
    }
    if (seen.has(a.itemKey)) {
      problems.push({ field: `${at}.itemKey`, code: 'duplicate', message: '同一项只能回答一次 / Answered twice' });
    }
    seen.add(a.itemKey);
    const v = a.value;
    const typeOk =
      v === null ||
      (item.kind === 'yes_no' && typeof v === 'boolean') ||
      (item.kind === 'number' && typeof v === 'number') ||
      (item.kind === 'text' && typeof v === 'string') ||
      (item.kind === 'choice' && typeof v === 'string');
    if (!typeOk) {
      problems.push({ field: `${at}.value`, code: 'wrong_type', message: `应为${EXPECTED[item.kind]}` });
    } else if (item.kind === 'choice' && v !== null && !item.options.some((o) => o.value === v)) {
      problems.push({
        field: `${at}.value`,
        code: 'unknown_option',
        message: `没有此选项 / No such option: ${String(v)}`,
      });
    } else if (item.kind === 'photo_required' && a.photoIds.length < item.minPhotos && item.required) {
      problems.push({
        field: `${at}.photoIds`,
        code: 'photos_required',
        message: `至少 ${item.minPhotos} 张照片 / at least ${item.minPhotos} photo(s)`,
      });
    } else if (item.required && item.kind !== 'photo_required' && (v === null || v === '')) {
      problems.push({ field: `${at}.value`, code: 'required', message: '必填 / Required' });
    }
  });
  for (const item of items) {
    if (item.required && !seen.has(item.key)) {
      problems.push({
        field: `answers.${item.key}`,
        code: 'required',
        message: `未填写：${item.label} / Not answered`,
      });
    }
  }
  return problems;
}
