import {
  createFloodHouseholdSchema,
  idNumberSchema,
  phoneSchema,
  RISK_TYPE_LABELS,
  RISK_TYPES,
  type RiskType,
  VULNERABLE_FLAGS,
  VULNERABLE_LABELS,
  type VulnerableFlag,
} from '@gridboard/shared';
import { z } from 'zod';
import type { SheetSpec } from '../geo/import/columns';

const text = z.string().trim().min(1).max(100);
const optional = <T extends z.ZodType>(s: T) => s.nullable().default(null);
const byLabel = <T extends string>(codes: readonly T[], labels: Record<T, { 'zh-CN': string }>, extra: [string, T][]) =>
  new Map<string, T>([
    ...codes.map((c) => [c, c] as [string, T]),
    ...codes.map((c) => [labels[c]['zh-CN'], c] as [string, T]),
    ...extra,
  ]);
const riskByLabel = byLabel<RiskType>(RISK_TYPES, RISK_TYPE_LABELS, [
  ['低洼', 'low_lying'],
  ['低洼地带', 'low_lying'],
  ['危旧房', 'dangerous_house'],
  ['地下空间', 'basement'],
  ['切坡', 'slope'],
  ['山坡', 'slope'],
]);
const flagByLabel = byLabel<VulnerableFlag>(VULNERABLE_FLAGS, VULNERABLE_LABELS, [
  ['老年人', 'elderly'],
  ['残疾人', 'disabled'],
  ['卧床病人', 'bedridden'],
  ['儿童', 'children'],
  ['未成年人', 'children'],
]);

/**
 * The register as street offices keep it in Excel (固定转移人员台账). 包保责任人 is an account's
 * username (linked: tasks reach their phone) or just a name. Cells are trimmed strings.
 */
export const registerSheet = {
  columns: {
    building: ['楼栋', '楼栋名称', '所在楼栋', 'building'],
    unit: ['单元', 'unit'],
    room: ['房号', '门牌号', 'room'],
    headName: ['户主', '户主姓名', 'headName'],
    phone: ['电话', '联系电话', '户主电话', 'phone'],
    idNumber: ['身份证号', '身份证号码', 'idNumber'],
    personCount: ['人数', '转移人数', 'personCount'],
    vulnerable: ['特殊人群', '重点人员', 'vulnerable'],
    riskType: ['风险类型', '隐患类型', 'riskType'],
    cadre: ['包保责任人', '责任人', 'cadre'],
    cadrePhone: ['责任人电话', '包保责任人电话', 'cadrePhone'],
    shelter: ['安置点', '避险安置点', 'shelter'],
    note: ['备注', 'note'],
  },
  required: ['building', 'headName', 'personCount', 'riskType', 'cadre', 'shelter'],
  row: z.object({
    building: text,
    unit: z.string().trim().max(20).default(''),
    room: z.string().trim().max(20).default(''),
    headName: createFloodHouseholdSchema.shape.headName,
    phone: optional(phoneSchema),
    idNumber: optional(idNumberSchema),
    personCount: z.coerce.number().int().min(1).max(50),
    vulnerable: z
      .string()
      .default('')
      .transform((s, ctx) =>
        [...new Set(s.split(/[,，、;；\s]+/).filter(Boolean))].map((label) => {
          const flag = flagByLabel.get(label);
          if (!flag)
            ctx.addIssue({ code: 'custom', message: `未知类别 ${label} / unknown; one of 老人、残疾、卧床、儿童` });
          return flag ?? 'elderly';
        }),
      ),
    riskType: z.string().transform((s, ctx) => {
      const risk = riskByLabel.get(s);
      if (!risk)
        ctx.addIssue({
          code: 'custom',
          message: '低洼地、危房、地下室 或 边坡 / low-lying, dangerous house, basement or slope',
        });
      return risk ?? 'low_lying';
    }),
    cadre: text,
    cadrePhone: optional(phoneSchema),
    shelter: text,
    note: z.string().trim().max(2000).default(''),
  }),
} satisfies SheetSpec<z.ZodType>;

export type RegisterSheetRow = z.infer<typeof registerSheet.row>;
