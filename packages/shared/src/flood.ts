import { z } from 'zod';
import { listQuerySchema, pageSchema, versionedSchema } from './api';
import { areaSchema } from './geo';
import { idNumberSchema, phoneSchema } from './geo-registry';
import { uuidSchema } from './jurisdiction';
import { type Label, stateChangeShape, timelineStepSchema } from './workflow';
import { FLOOD_WARNING_STATES } from './workflows/flood-warning';
import { TRANSFER_STATES } from './workflows/transfer';

/**
 * 防汛转移预警 contracts (DOMAIN.md "Flood-transfer alerts"): the register of fixed-transfer
 * households (固定转移人员), warnings by type, level and scope, one transfer task per household in
 * scope, live progress, the post-rain review (雨后复盘) and CAP 1.2 export. Personal data (the head's
 * name, phone and ID number, the cadre's phone) is masked in every answer and event.
 */

export const WARNING_TYPES = ['rainstorm', 'flood', 'geological'] as const;
export const warningTypeSchema = z.enum(WARNING_TYPES);
export type WarningType = z.infer<typeof warningTypeSchema>;
export const WARNING_TYPE_LABELS: Record<WarningType, Label> = {
  rainstorm: { 'zh-CN': '暴雨', 'en-US': 'Rainstorm' },
  flood: { 'zh-CN': '洪水', 'en-US': 'Flood' },
  geological: { 'zh-CN': '地质灾害', 'en-US': 'Geological hazard' },
};

/** Lowest to highest: blue IV … red I (the Chinese four-colour scale). */
export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const warningLevelSchema = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof warningLevelSchema>;
export const WARNING_LEVEL_INFO: Record<
  WarningLevel,
  { grade: 'IV' | 'III' | 'II' | 'I'; color: string; label: Label }
> = {
  blue: { grade: 'IV', color: '#1e6fd9', label: { 'zh-CN': '蓝色（IV级）', 'en-US': 'Blue (IV)' } },
  yellow: { grade: 'III', color: '#f2c200', label: { 'zh-CN': '黄色（III级）', 'en-US': 'Yellow (III)' } },
  orange: { grade: 'II', color: '#f57c00', label: { 'zh-CN': '橙色（II级）', 'en-US': 'Orange (II)' } },
  red: { grade: 'I', color: '#d32f2f', label: { 'zh-CN': '红色（I级）', 'en-US': 'Red (I)' } },
};
export const warningLevelRank = (l: WarningLevel) => WARNING_LEVELS.indexOf(l);

/** Why a household must leave. */
export const RISK_TYPES = ['low_lying', 'dangerous_house', 'basement', 'slope'] as const;
export const riskTypeSchema = z.enum(RISK_TYPES);
export type RiskType = z.infer<typeof riskTypeSchema>;
export const RISK_TYPE_LABELS: Record<RiskType, Label> = {
  low_lying: { 'zh-CN': '低洼地', 'en-US': 'Low-lying' },
  dangerous_house: { 'zh-CN': '危房', 'en-US': 'Dangerous house' },
  basement: { 'zh-CN': '地下室', 'en-US': 'Basement' },
  slope: { 'zh-CN': '边坡', 'en-US': 'Slope' },
};

/** People who need help to move (the cadre brings a wheelchair, a stretcher, a second pair of hands). */
export const VULNERABLE_FLAGS = ['elderly', 'disabled', 'bedridden', 'children'] as const;
export const vulnerableFlagSchema = z.enum(VULNERABLE_FLAGS);
export type VulnerableFlag = z.infer<typeof vulnerableFlagSchema>;
export const VULNERABLE_LABELS: Record<VulnerableFlag, Label> = {
  elderly: { 'zh-CN': '老人', 'en-US': 'Elderly' },
  disabled: { 'zh-CN': '残疾', 'en-US': 'Disabled' },
  bedridden: { 'zh-CN': '卧床', 'en-US': 'Bedridden' },
  children: { 'zh-CN': '儿童', 'en-US': 'Children' },
};

const meta = { id: uuidSchema, version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };
const personName = z.string().trim().min(1).max(50);
const note = z.string().trim().max(2000);
const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const drillFilter = z.enum(['include', 'exclude', 'only']).default('include');
const isoDate = z.iso.datetime({ offset: true });

/* ---------- Register 固定转移人员台账 ---------- */

/**
 * One fixed-transfer household of the register. It belongs where its building is (grid and street
 * follow the building), and carries its own head, phone and persons count: the register is kept
 * apart from the population registry, optionally linked to the registry household.
 */
export const floodHouseholdSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  buildingId: uuidSchema,
  buildingName: z.string(),
  /** The registry household (一标三实) it is, when linked. */
  householdId: uuidSchema.nullable(),
  unit: z.string(),
  room: z.string(),
  address: z.string(),
  /** the building's position: what point-in-polygon scopes test */
  lat: z.number(),
  lng: z.number(),
  /** masked */
  headName: z.string(),
  /** masked */
  phone: z.string().nullable(),
  /** masked */
  idNumber: z.string().nullable(),
  personCount: z.number().int().min(1),
  vulnerable: z.array(vulnerableFlagSchema),
  riskType: riskTypeSchema,
  /** 包保责任人: the account that updates this household's tasks, if the cadre has one. */
  cadreUserId: uuidSchema.nullable(),
  cadreName: z.string(),
  /** masked */
  cadrePhone: z.string().nullable(),
  /** 避险安置点 designated for this household */
  shelterId: uuidSchema,
  shelterName: z.string(),
  /** printed on the household's transfer card as a QR code; shelters check in by it */
  cardCode: z.string(),
  note: z.string(),
});
export type FloodHousehold = z.infer<typeof floodHouseholdSchema>;

const floodHouseholdFields = {
  buildingId: uuidSchema,
  householdId: uuidSchema.nullable(),
  unit: z.string().trim().max(20),
  room: z.string().trim().max(20),
  headName: personName,
  phone: phoneSchema.nullable(),
  idNumber: idNumberSchema.nullable(),
  personCount: z.number().int().min(1).max(50),
  vulnerable: z
    .array(vulnerableFlagSchema)
    .max(VULNERABLE_FLAGS.length)
    .refine((a) => new Set(a).size === a.length, '标记不能重复 / flags must not repeat'),
  riskType: riskTypeSchema,
  cadreUserId: uuidSchema.nullable(),
  cadreName: personName,
  cadrePhone: phoneSchema.nullable(),
  shelterId: uuidSchema,
  note,
};
/**
 * Create: a building, or a registry household (its building is then taken); unit/room default to the
 * registry household's. The cadre is an account (name and phone default to the account's) or a name.
 */
export const createFloodHouseholdSchema = z
  .object(floodHouseholdFields)
  .partial({ buildingId: true, householdId: true, unit: true, room: true, cadreUserId: true, cadreName: true })
  .extend({
    phone: floodHouseholdFields.phone.default(null),
    idNumber: floodHouseholdFields.idNumber.default(null),
    vulnerable: floodHouseholdFields.vulnerable.default([]),
    cadrePhone: floodHouseholdFields.cadrePhone.optional(),
    note: note.default(''),
  })
  .refine((v) => v.buildingId || v.householdId, {
    path: ['buildingId'],
    message: '须指定楼栋或住户 / buildingId or householdId',
  })
  .refine((v) => v.cadreUserId || v.cadreName, {
    path: ['cadreName'],
    message: '须指定包保责任人 / cadreUserId or cadreName',
  });
export const updateFloodHouseholdSchema = z.object(floodHouseholdFields).partial().extend(versionedSchema.shape);
export type CreateFloodHousehold = z.infer<typeof createFloodHouseholdSchema>;
export type UpdateFloodHousehold = z.infer<typeof updateFloodHouseholdSchema>;

const optionalUuid = uuidSchema.optional();
/** `q` matches building name, unit and room only: searching by masked personal data would leak it. */
export const floodHouseholdListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  communityId: optionalUuid,
  gridId: optionalUuid,
  buildingId: optionalUuid,
  shelterId: optionalUuid,
  cadreUserId: optionalUuid,
  riskType: riskTypeSchema.optional(),
  vulnerable: vulnerableFlagSchema.optional(),
  /** only the households the caller is the cadre of (the phone page) */
  mine: boolParam,
  q: z.string().trim().min(1).max(100).optional(),
});
export type FloodHouseholdListQuery = z.infer<typeof floodHouseholdListQuerySchema>;
export const floodHouseholdPageSchema = pageSchema(floodHouseholdSchema);

/** `POST /api/flood/households/:id/reveal`: the clear values, audited as `pii.reveal`. */
export const floodHouseholdRevealSchema = z.object({
  id: uuidSchema,
  headName: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  cadreName: z.string(),
  cadrePhone: z.string().nullable(),
});
export type FloodHouseholdReveal = z.infer<typeof floodHouseholdRevealSchema>;

/** `GET /api/flood/households/:id/card`: the transfer card 转移明白卡, with its QR code. */
export const transferCardSchema = z.object({
  floodHouseholdId: uuidSchema,
  code: z.string(),
  /** what the QR encodes (the code itself) */
  qrText: z.string(),
  qrSvg: z.string(),
  /** data:image/png;base64,… */
  qrPng: z.string(),
  address: z.string(),
  /** masked */
  headName: z.string(),
  personCount: z.number().int(),
  riskType: riskTypeSchema,
  shelterName: z.string(),
  shelterAddress: z.string(),
  cadreName: z.string(),
  /** masked */
  cadrePhone: z.string().nullable(),
});
export type TransferCard = z.infer<typeof transferCardSchema>;

/** Register imports: `POST /api/flood/households/import` (multipart `file`, .xlsx or .csv). */
export const floodImportResultSchema = z.object({ rows: z.number().int(), created: z.number().int() });
export type FloodImportResult = z.infer<typeof floodImportResultSchema>;

/* ---------- Warnings 预警 ---------- */

export const WARNING_SCOPE_KINDS = ['street', 'grids', 'area'] as const;
/** Whole street, chosen grids, or an area drawn on the map (edges inside, holes outside). */
export const warningScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('street') }),
  z.object({
    kind: z.literal('grids'),
    gridIds: z
      .array(uuidSchema)
      .min(1)
      .max(500)
      .refine((a) => new Set(a).size === a.length, '网格不能重复 / grids must not repeat'),
  }),
  z.object({ kind: z.literal('area'), area: areaSchema }),
]);
export type WarningScope = z.infer<typeof warningScopeSchema>;

export const issueWarningSchema = z.object({
  type: warningTypeSchema,
  level: warningLevelSchema,
  message: z.string().trim().min(1).max(2000),
  scope: warningScopeSchema,
  /** Set inside a drill: the warning, its tasks and events carry it and stay out of real statistics. */
  drillId: uuidSchema.optional(),
  /** district-wide users name the street */
  streetId: uuidSchema.optional(),
});
export type IssueWarningInput = z.infer<typeof issueWarningSchema>;

export const closeExceptionSchema = z.object({
  reason: z.string(),
  byId: uuidSchema.nullable(),
  byName: z.string(),
  at: z.string(),
  /** who was still unaccounted for when it was closed */
  households: z.number().int(),
  people: z.number().int(),
  taskIds: z.array(uuidSchema),
});

export const floodWarningSchema = z.object({
  ...meta,
  streetId: uuidSchema,
  /** a warning is shown to everyone working on the street */
  streetWide: z.literal(true),
  type: warningTypeSchema,
  level: warningLevelSchema,
  /** e.g. 暴雨橙色预警 */
  title: z.string(),
  message: z.string(),
  scope: z.object({
    kind: z.enum(WARNING_SCOPE_KINDS),
    gridIds: z.array(uuidSchema),
    area: areaSchema.nullable(),
  }),
  state: z.enum(FLOOD_WARNING_STATES),
  issuedAt: z.string(),
  issuedById: uuidSchema.nullable(),
  issuedByName: z.string(),
  liftedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeException: closeExceptionSchema.nullable(),
  /** transfer tasks created, and the people in them */
  households: z.number().int(),
  people: z.number().int(),
  drillId: uuidSchema.nullable(),
});
export type FloodWarning = z.infer<typeof floodWarningSchema>;

/** `POST /api/flood/warnings/:id/actions/:action` bodies (see floodWarningWorkflow). */
export const WARNING_ACTION_SCHEMAS = {
  /** 升级 / 降级: another level; the message may be reworded. */
  change_level: versionedSchema.extend({
    level: warningLevelSchema,
    message: z.string().trim().min(1).max(2000).optional(),
    note: note.optional(),
  }),
  /** 解除: return tracking starts. */
  lift: versionedSchema.extend({ note: note.optional() }),
  /** With anyone not yet home: refused (409 errors.flood_unaccounted) unless `exceptionReason` is given. */
  close: versionedSchema.extend({
    exceptionReason: z.string().trim().min(1).max(2000).optional(),
    note: note.optional(),
  }),
} as const;
export type WarningAction = keyof typeof WARNING_ACTION_SCHEMAS;

/** `action`: issue, upgrade, downgrade, lift, close, close_exception; notify, move, shelter, checkin, self_arrange, refuse, return */
export const floodStepSchema = timelineStepSchema.extend({
  warningId: uuidSchema,
  taskId: uuidSchema.nullable(),
  ...stateChangeShape,
  people: z.number().int().nullable(),
  shelterId: uuidSchema.nullable(),
});
export type FloodStep = z.infer<typeof floodStepSchema>;

export const floodWarningDetailSchema = floodWarningSchema.extend({ timeline: z.array(floodStepSchema) });
export const floodWarningResultSchema = z.object({ warning: floodWarningSchema, step: floodStepSchema });
export type FloodWarningResult = z.infer<typeof floodWarningResultSchema>;

export const floodWarningListQuerySchema = listQuerySchema.extend({
  streetId: optionalUuid,
  state: z.enum(FLOOD_WARNING_STATES).optional(),
  type: warningTypeSchema.optional(),
  drill: drillFilter,
});
export type FloodWarningListQuery = z.infer<typeof floodWarningListQuerySchema>;
export const floodWarningPageSchema = pageSchema(floodWarningSchema);

/* ---------- Transfer tasks 转移任务 ---------- */

export const transferTaskSchema = z.object({
  ...meta,
  warningId: uuidSchema,
  streetId: uuidSchema,
  communityId: uuidSchema,
  gridId: uuidSchema,
  floodHouseholdId: uuidSchema,
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** masked */
  headName: z.string(),
  /** masked */
  phone: z.string().nullable(),
  riskType: riskTypeSchema,
  vulnerable: z.array(vulnerableFlagSchema),
  /** people to move (the register's count when the warning was issued) */
  personCount: z.number().int(),
  state: z.enum(TRANSFER_STATES),
  /** people sheltered or self-arranged, as the cadre or the shelter counted them */
  people: z.number().int().nullable(),
  /** where they are now, when sheltered */
  shelterId: uuidSchema.nullable(),
  shelterName: z.string().nullable(),
  designatedShelterId: uuidSchema,
  cadreUserId: uuidSchema.nullable(),
  cadreName: z.string(),
  /** masked */
  cadrePhone: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  movingAt: z.string().nullable(),
  shelteredAt: z.string().nullable(),
  selfArrangedAt: z.string().nullable(),
  refusedAt: z.string().nullable(),
  refuseReason: z.string().nullable(),
  returnedAt: z.string().nullable(),
  drillId: uuidSchema.nullable(),
});
export type TransferTask = z.infer<typeof transferTaskSchema>;

const people = z.number().int().min(1).max(200);
/**
 * A step's common fields: the task version it is based on, and the phone's id for it. A step kept on a
 * phone without a network (离线暂存) is resent with the same `clientId`; the server answers the step it
 * already took rather than a version conflict, so a lost answer never turns into a refusal.
 */
const taskStep = versionedSchema.extend({ clientId: uuidSchema.optional() });
/** `POST /api/flood/tasks/:id/actions/:action` bodies (see transferWorkflow). */
export const TASK_ACTION_SCHEMAS = {
  notify: taskStep.extend({ note: note.optional() }),
  move: taskStep.extend({ note: note.optional() }),
  shelter: taskStep.extend({ shelterId: uuidSchema, people, note: note.optional() }),
  self_arrange: taskStep.extend({ people, note: note.optional() }),
  refuse: taskStep.extend({ reason: z.string().trim().min(1).max(2000) }),
  return: taskStep.extend({ note: note.optional() }),
} as const;
export type TaskAction = keyof typeof TASK_ACTION_SCHEMAS;

/** `POST /api/flood/checkin`: a shelter scans (or types) the transfer card's code. */
export const checkinSchema = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(40)
    .transform((s) => s.toUpperCase()),
  shelterId: uuidSchema,
  people,
  /** needed only when the household has open tasks in two warnings (a real one and a drill) */
  warningId: uuidSchema.optional(),
});
export type CheckinInput = z.infer<typeof checkinSchema>;

export const transferTaskResultSchema = z.object({ task: transferTaskSchema, step: floodStepSchema });
export type TransferTaskResult = z.infer<typeof transferTaskResultSchema>;
export const transferTaskDetailSchema = transferTaskSchema.extend({ timeline: z.array(floodStepSchema) });

export const transferTaskListQuerySchema = listQuerySchema.extend({
  warningId: optionalUuid,
  state: z.enum(TRANSFER_STATES).optional(),
  communityId: optionalUuid,
  gridId: optionalUuid,
  shelterId: optionalUuid,
  floodHouseholdId: optionalUuid,
  /** only tasks whose cadre is the caller (the phone page) */
  mine: boolParam,
  /** only tasks of warnings not closed */
  open: boolParam,
  drill: drillFilter,
});
export type TransferTaskListQuery = z.infer<typeof transferTaskListQuerySchema>;
export const transferTaskPageSchema = pageSchema(transferTaskSchema);

/* ---------- Progress, review, statistics ---------- */

const tally = z.object({ households: z.number().int(), people: z.number().int() });
export type Tally = z.infer<typeof tally>;
const byState = z.object(
  Object.fromEntries(TRANSFER_STATES.map((s) => [s, tally])) as Record<(typeof TRANSFER_STATES)[number], typeof tally>,
);
export const progressCountsSchema = z.object({
  households: z.number().int(),
  /** people to move */
  people: z.number().int(),
  /** people counted in each state (as sheltered/self-arranged when counted, else the register's count) */
  byState,
  /** sheltered, self-arranged or home again */
  accounted: tally,
});
export type ProgressCounts = z.infer<typeof progressCountsSchema>;

export const shelterProgressSchema = z.object({
  shelterId: uuidSchema,
  name: z.string(),
  capacity: z.number().int(),
  /** people in the shelter now: all real warnings (a drill: its own) */
  occupancy: z.number().int(),
  /** of which from this warning */
  fromWarning: z.number().int(),
  overCapacity: z.boolean(),
});
export type ShelterProgress = z.infer<typeof shelterProgressSchema>;

export const gridProgressSchema = progressCountsSchema.extend({
  gridId: uuidSchema,
  gridCode: z.string(),
  gridName: z.string(),
});

/** Counts only (no personal data): streamed to everyone on the street as `flood.progress`. */
export const floodProgressSchema = z.object({
  warningId: uuidSchema,
  streetId: uuidSchema,
  state: z.enum(FLOOD_WARNING_STATES),
  level: warningLevelSchema,
  drillId: uuidSchema.nullable(),
  totals: progressCountsSchema,
  byGrid: z.array(gridProgressSchema),
  byShelter: z.array(shelterProgressSchema),
});
export type FloodProgress = z.infer<typeof floodProgressSchema>;

export const atHomeSchema = z.object({
  taskId: uuidSchema,
  version: z.number().int(),
  floodHouseholdId: uuidSchema,
  gridId: uuidSchema,
  address: z.string(),
  /** masked */
  headName: z.string(),
  personCount: z.number().int(),
  vulnerable: z.array(vulnerableFlagSchema),
  state: z.enum(TRANSFER_STATES),
  cadreUserId: uuidSchema.nullable(),
  cadreName: z.string(),
  /** masked: reveal through the household */
  cadrePhone: z.string().nullable(),
});
/**
 * `GET /api/flood/warnings/:id/progress`. `atHome` (pending, notified, refused households within the
 * caller's jurisdiction) is null for roles that neither transfer nor warn (display, departments).
 */
export const floodProgressDetailSchema = floodProgressSchema.extend({
  atHome: z.array(atHomeSchema).nullable(),
});
export type FloodProgressDetail = z.infer<typeof floodProgressDetailSchema>;

export const reviewHouseholdSchema = z.object({
  taskId: uuidSchema,
  gridId: uuidSchema,
  gridName: z.string(),
  address: z.string(),
  personCount: z.number().int(),
  state: z.enum(TRANSFER_STATES),
  cadreName: z.string(),
  notifiedAt: z.string().nullable(),
  /** sheltered or self-arranged (the first time) */
  safeAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  minutesToNotify: z.number().nullable(),
  minutesToSafe: z.number().nullable(),
});
export const reviewGridSchema = z.object({
  gridId: uuidSchema,
  gridCode: z.string(),
  gridName: z.string(),
  households: z.number().int(),
  people: z.number().int(),
  safe: z.number().int(),
  refused: z.number().int(),
  medianMinutesToSafe: z.number().nullable(),
  maxMinutesToSafe: z.number().nullable(),
});
/** 雨后复盘: `GET /api/flood/warnings/:id/review` (and `review.xlsx`). */
export const floodReviewSchema = z.object({
  warning: floodWarningSchema,
  timeline: z.array(floodStepSchema),
  households: z.array(reviewHouseholdSchema),
  grids: z.array(reviewGridSchema),
  /** grids by median minutes to safety, slowest first (those with no one safe last) */
  slowestGrids: z.array(reviewGridSchema),
  medianMinutesToSafe: z.number().nullable(),
});
export type FloodReview = z.infer<typeof floodReviewSchema>;

/** `GET /api/flood/stats`: real warnings issued in [from, to) — drills never count. */
export const floodStatsQuerySchema = z.object({ from: isoDate, to: isoDate, streetId: optionalUuid });
export const floodStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  warnings: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  byType: z.record(z.string(), z.number().int()),
  households: z.number().int(),
  people: z.number().int(),
  sheltered: tally,
  selfArranged: tally,
  refused: tally,
  medianMinutesToSafe: z.number().nullable(),
});
export type FloodStats = z.infer<typeof floodStatsSchema>;

/* ---------- Events ---------- */

export const floodEvents = {
  /** A warning was issued (street-wide: every user of the street sees the banner). */
  'flood.warning.issued': z.object({ warning: floodWarningSchema, step: floodStepSchema }),
  /** Level changed, lifted or closed. */
  'flood.warning.changed': z.object({ warning: floodWarningSchema, step: floodStepSchema }),
  /** The transfer tasks a warning created, one event per grid (the cadres' phone pages add them). */
  'flood.tasks.created': z.object({
    warningId: uuidSchema,
    gridId: uuidSchema,
    tasks: z.array(transferTaskSchema),
  }),
  /** One task moved (or was checked in at a shelter). */
  'flood.task.changed': z.object({ task: transferTaskSchema, step: floodStepSchema }),
  /** 拒绝转移: escalated at once to the leader on duty (an alarm). */
  'flood.task_refused': z.object({
    task: transferTaskSchema,
    step: floodStepSchema,
    escalatedTo: z.literal('leader_on_duty'),
  }),
  /** A shelter holds more people than its capacity (an alarm), after the step that filled it. */
  'flood.shelter_over_capacity': z.object({
    warningId: uuidSchema,
    taskId: uuidSchema,
    shelter: shelterProgressSchema,
  }),
  /** The warning's counters after every change: the board replaces its progress with this. */
  'flood.progress': floodProgressSchema,
  /** The register changed; `data` is the masked household (null on delete). */
  'flood.household.changed': z.object({
    id: uuidSchema,
    op: z.enum(['created', 'updated', 'deleted']),
    data: floodHouseholdSchema.nullable(),
  }),
  /** A register import committed: clients reload the register. */
  'flood.households.imported': z.object({ created: z.number().int() }),
} as const;
