import {
  createHouseholdSchema,
  createPersonSchema,
  createSiteSchema,
  idNumberSchema,
  latSchema,
  lngSchema,
  phoneSchema,
  SITE_TYPE_LABELS,
  SITE_TYPES,
  type SiteType,
  SUPERVISION_GRADES,
} from '@gridboard/shared';
import { z } from 'zod';

/**
 * Spreadsheet columns of each import: the Chinese headers people use (and the English field names),
 * mapped to fields, and the schema of one row. Cells arrive as trimmed strings; empty cells are absent.
 */
export interface SheetSpec<S extends z.ZodType> {
  /** field → accepted headers; the first is the one named in errors and templates */
  columns: Record<string, string[]>;
  required: string[];
  row: S;
}

const text = z.string().trim().min(1).max(100);
const optional = <T extends z.ZodType>(s: T) => s.nullable().default(null);
const yes = new Set(['是', 'Y', 'y', 'yes', 'true', '1', '√']);
const no = new Set(['否', 'N', 'n', 'no', 'false', '0', '']);
const siteTypeByLabel = new Map<string, SiteType>([
  ...SITE_TYPES.map((t) => [t, t] as [string, SiteType]),
  ...Object.entries(SITE_TYPE_LABELS).map(([t, label]) => [label, t as SiteType] as [string, SiteType]),
  ['餐饮', 'restaurant'],
  ['酒店', 'hotel'],
  ['超市', 'shop'],
  ['商店', 'shop'],
  ['农贸市场', 'market'],
]);

export const householdSheet = {
  columns: {
    building: ['楼栋', '楼栋名称', 'building'],
    unit: ['单元', 'unit'],
    room: ['房号', '门牌号', 'room'],
    headName: ['户主', '户主姓名', 'headName'],
    phone: ['电话', '联系电话', '手机', 'phone'],
  },
  required: ['building', 'room', 'headName'],
  row: z.object({
    building: text,
    unit: createHouseholdSchema.shape.unit,
    room: createHouseholdSchema.shape.room,
    headName: createHouseholdSchema.shape.headName,
    phone: optional(phoneSchema),
  }),
} satisfies SheetSpec<z.ZodType>;

export const personSheet = {
  columns: {
    name: ['姓名', 'name'],
    phone: ['电话', '联系电话', '手机', 'phone'],
    idNumber: ['身份证号', '身份证号码', '公民身份号码', 'idNumber'],
    building: ['楼栋', '楼栋名称', 'building'],
    unit: ['单元', 'unit'],
    room: ['房号', '门牌号', 'room'],
    birthYear: ['出生年份', 'birthYear'],
    tags: ['标签', '人员类别', 'tags'],
  },
  required: ['name', 'building', 'room'],
  row: z.object({
    name: createPersonSchema.shape.name,
    phone: optional(phoneSchema),
    idNumber: optional(idNumberSchema),
    building: text,
    unit: createHouseholdSchema.shape.unit,
    room: createHouseholdSchema.shape.room,
    birthYear: optional(z.coerce.number().int().min(1900).max(2100)),
    tags: z
      .string()
      .default('')
      .transform((s) => s.split(/[,，、;；\s]+/).filter(Boolean))
      .pipe(z.array(z.string().max(20)).max(10)),
  }),
} satisfies SheetSpec<z.ZodType>;

export const siteSheet = {
  columns: {
    name: ['场所名称', '名称', '单位名称', 'name'],
    type: ['类型', '场所类型', 'type'],
    address: ['地址', 'address'],
    lng: ['经度', 'lng'],
    lat: ['纬度', 'lat'],
    grid: ['网格', '网格编码', 'grid'],
    building: ['楼栋', 'building'],
    nineSmall: ['九小场所', 'nineSmall'],
    grade: ['分级', '监管等级', 'grade'],
    contactName: ['联系人', '负责人', 'contactName'],
    contactPhone: ['联系电话', '电话', 'contactPhone'],
  },
  required: ['name', 'type', 'lng', 'lat'],
  row: z.object({
    name: createSiteSchema.shape.name,
    type: z.string().transform((s, ctx) => {
      const t = siteTypeByLabel.get(s);
      if (!t)
        ctx.addIssue({
          code: 'custom',
          message: `未知类型 / unknown type; one of ${Object.values(SITE_TYPE_LABELS).join('、')}`,
        });
      return t ?? 'other';
    }),
    address: z.string().trim().max(200).default(''),
    lng: z.coerce.number().pipe(lngSchema),
    lat: z.coerce.number().pipe(latSchema),
    grid: optional(text),
    building: optional(text),
    nineSmall: z
      .string()
      .default('')
      .refine((s) => yes.has(s) || no.has(s), { message: '填 是 或 否 / yes or no' })
      .transform((s) => yes.has(s)),
    grade: z.enum(SUPERVISION_GRADES).default('C'),
    contactName: optional(z.string().trim().max(50)),
    contactPhone: optional(phoneSchema),
  }),
} satisfies SheetSpec<z.ZodType>;

export type HouseholdRow = z.infer<typeof householdSheet.row>;
export type PersonRow = z.infer<typeof personSheet.row>;
export type SiteRow = z.infer<typeof siteSheet.row>;

const gridType = z
  .string()
  .default('comprehensive')
  .transform((s, ctx) => {
    if (['comprehensive', '综合网格', '综合'].includes(s)) return 'comprehensive' as const;
    if (['dedicated', '专属网格', '专属'].includes(s)) return 'dedicated' as const;
    ctx.addIssue({ code: 'custom', message: '综合网格 或 专属网格 / comprehensive or dedicated' });
    return 'comprehensive' as const;
  });

/** Properties of a grid feature (GeoJSON import); the geometry is the grid's polygon. */
export const gridFeature = {
  columns: {
    code: ['code', '网格编码', '编码'],
    name: ['name', '网格名称', '名称'],
    community: ['community', '社区', '社区编码'],
    type: ['type', '网格类型', '类型'],
    leaderName: ['leaderName', '网格长'],
    leaderPhone: ['leaderPhone', '网格长电话', '电话'],
  },
  required: ['code', 'name', 'community'],
  row: z.object({
    code: z.string().trim().min(1).max(40),
    name: text,
    community: text,
    type: gridType,
    leaderName: optional(z.string().trim().max(50)),
    leaderPhone: optional(phoneSchema),
  }),
} satisfies SheetSpec<z.ZodType>;

/** Properties of a building feature; the geometry is its entrance point or its footprint. */
export const buildingFeature = {
  columns: {
    name: ['name', '楼栋', '楼栋名称', '名称'],
    address: ['address', '地址'],
    floors: ['floors', '层数'],
    grid: ['grid', '网格', '网格编码'],
    compound: ['compound', '小区', '小区名称'],
    leaderName: ['leaderName', '楼栋长'],
    leaderPhone: ['leaderPhone', '楼栋长电话', '电话'],
  },
  required: ['name', 'floors'],
  row: z.object({
    name: text,
    address: z.string().trim().max(200).default(''),
    floors: z.coerce.number().int().min(1).max(200),
    grid: optional(text),
    compound: optional(text),
    leaderName: optional(z.string().trim().max(50)),
    leaderPhone: optional(phoneSchema),
  }),
} satisfies SheetSpec<z.ZodType>;

export type GridFeatureRow = z.infer<typeof gridFeature.row>;
export type BuildingFeatureRow = z.infer<typeof buildingFeature.row>;
