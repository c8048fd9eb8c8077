import { randomUUID } from 'node:crypto';
import { type CampaignType, checklistItemsSchema, type SiteType } from '@gridboard/shared';
import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { ADVISORY_LOCKS } from '../db/advisory-locks';
import type { SeededIds } from '../geo/demo-street/demo-street.writer';
import { shanghaiDate } from '../incidents/working-time';
import { CampaignEntity } from './campaign.entity';
import { retargetCampaign } from './campaigns.repository';
import { ChecklistTemplateEntity, TemplateVersionEntity } from './template.entity';

const NINE_SMALL: SiteType[] = ['shop', 'restaurant', 'hotel', 'internet_cafe', 'ktv', 'clinic', 'workshop'];
const photo = { key: 'photo', label: '现场照片', kind: 'photo_required' };

/** The demo street's checklists, as streets write them for their campaigns. */
export const DEMO_TEMPLATES: {
  name: string;
  description: string;
  siteTypes: SiteType[];
  campaignTypes: CampaignType[];
  items: unknown[];
}[] = [
  {
    name: '九小场所消防安全检查表',
    description: '小商店、小餐饮、小旅馆、小网吧、小歌舞厅、小诊所、小作坊等九小场所日常消防检查',
    siteTypes: NINE_SMALL,
    campaignTypes: ['fire'],
    items: [
      { key: 'extinguisher', label: '灭火器配置齐全且在有效期内', kind: 'yes_no' },
      { key: 'extinguisher_count', label: '灭火器数量', kind: 'number', min: 2, unit: '具', hazardSeverity: 'low' },
      { key: 'exits', label: '疏散通道、安全出口畅通', kind: 'yes_no', hazardSeverity: 'high' },
      { key: 'emergency_light', label: '应急照明、疏散指示标志完好', kind: 'yes_no' },
      { key: 'wiring', label: '存在私拉乱接电线', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'high' },
      {
        key: 'three_in_one',
        label: '存在“三合一”住人现象',
        kind: 'yes_no',
        passWhen: 'no',
        hazardSeverity: 'critical',
      },
      {
        key: 'ebike_indoor',
        label: '电动自行车在室内停放或充电',
        kind: 'yes_no',
        passWhen: 'no',
        hazardSeverity: 'high',
      },
      photo,
      { key: 'remark', label: '其他情况', kind: 'text', required: false },
    ],
  },
  {
    name: '餐饮场所燃气安全检查表',
    description: '餐饮店、食品经营场所燃气使用安全检查',
    siteTypes: ['restaurant', 'food_business'],
    campaignTypes: ['gas'],
    items: [
      { key: 'gas_alarm', label: '安装可燃气体报警器并正常工作', kind: 'yes_no', hazardSeverity: 'high' },
      { key: 'shutoff_valve', label: '安装燃气紧急切断阀', kind: 'yes_no', hazardSeverity: 'high' },
      { key: 'hose_length', label: '燃气软管长度', kind: 'number', min: 0, max: 2, unit: '米' },
      { key: 'hose_condition', label: '软管无老化、龟裂、鼠咬', kind: 'yes_no' },
      {
        key: 'cylinder_storage',
        label: '液化气钢瓶存放',
        kind: 'choice',
        hazardSeverity: 'high',
        options: [
          { value: 'pipeline', label: '使用管道天然气', pass: true },
          { value: 'room', label: '独立气瓶间存放', pass: true },
          { value: 'kitchen', label: '操作间内存放', pass: false },
        ],
      },
      { key: 'leak', label: '存在燃气泄漏', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'critical' },
      photo,
    ],
  },
  {
    name: '电动自行车“飞线充电”排查表',
    description: '居民楼院、自建房、沿街商铺电动自行车停放充电检查',
    siteTypes: ['self_built_house', 'shop', 'other'],
    campaignTypes: ['flying_wire_charging'],
    items: [
      {
        key: 'flying_wire',
        label: '存在飞线充电（私拉电线充电）',
        kind: 'yes_no',
        passWhen: 'no',
        hazardSeverity: 'high',
      },
      { key: 'corridor', label: '楼道、楼梯间停放电动自行车', kind: 'yes_no', passWhen: 'no' },
      { key: 'charging_facility', label: '设有集中充电设施', kind: 'yes_no', hazardSeverity: 'low' },
      { key: 'ebike_count', label: '电动自行车数量', kind: 'number', min: 0, unit: '辆', required: false },
      { key: 'advice', label: '整改建议', kind: 'text', required: false },
      photo,
    ],
  },
  {
    name: '自建房安全排查表',
    description: '经营性自建房及周边地质灾害隐患排查',
    siteTypes: ['self_built_house'],
    campaignTypes: ['self_built_house', 'geological'],
    items: [
      { key: 'floors', label: '房屋层数', kind: 'number', min: 1, max: 6, unit: '层' },
      { key: 'cracks', label: '墙体、梁柱存在明显裂缝', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'high' },
      {
        key: 'alteration',
        label: '擅自改变主体结构或加层',
        kind: 'yes_no',
        passWhen: 'no',
        hazardSeverity: 'critical',
      },
      {
        key: 'appraisal',
        label: '房屋安全鉴定结论',
        kind: 'choice',
        hazardSeverity: 'high',
        options: [
          { value: 'A', label: 'A级（安全）', pass: true },
          { value: 'B', label: 'B级（基本安全）', pass: true },
          { value: 'C', label: 'C级（局部危险）', pass: false },
          { value: 'D', label: 'D级（整体危险）', pass: false },
          { value: 'none', label: '未鉴定', pass: false },
        ],
      },
      { key: 'slope', label: '房屋周边存在边坡、挡墙隐患', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'high' },
      photo,
    ],
  },
];

/**
 * The demo street's checklists and one running campaign (消防安全专项整治 over restaurants and the
 * nine small places, with the fire, emergency and market departments). Skipped when the street has
 * templates already, so seeding again changes nothing.
 */
export async function seedDemoInspections(m: EntityManager, ids: SeededIds, now: Date): Promise<boolean> {
  // Two instances seeding one empty database at boot: the second waits, then finds the templates.
  await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.demoSeed]);
  if ((await m.countBy(ChecklistTemplateEntity, { streetId: ids.streetId })) > 0) return false;
  const templateIds: string[] = [];
  for (const t of DEMO_TEMPLATES) {
    const id = randomUUID();
    const versionId = randomUUID();
    await m.insert(ChecklistTemplateEntity, {
      id,
      streetId: ids.streetId,
      name: t.name,
      description: t.description,
      siteTypes: t.siteTypes,
      campaignTypes: t.campaignTypes,
      active: true,
      currentVersionId: versionId,
    });
    await m.insert(TemplateVersionEntity, {
      id: versionId,
      templateId: id,
      number: 1,
      name: t.name,
      items: checklistItemsSchema.parse(t.items),
      createdById: null,
      createdByName: '系统',
    });
    templateIds.push(id);
  }
  const day = (offset: number) => shanghaiDate(new Date(now.getTime() + offset * 86_400_000));
  const campaign = {
    id: randomUUID(),
    streetId: ids.streetId,
    name: `${day(0).slice(0, 4)}年消防安全专项整治行动`,
    type: 'fire' as const,
    description: '联合应急、消防、市监对辖区餐饮场所和九小场所开展消防安全全覆盖排查，隐患动态清零',
    startsOn: day(-7),
    endsOn: day(83),
    siteTypes: ['restaurant' as const],
    nineSmall: true,
    gridIds: [],
    departmentIds: ['fire', 'emergency', 'market'].flatMap((code) => ids.departments[code] ?? []),
    templateId: templateIds[0]!,
    createdById: null,
    createdByName: '系统',
    drillId: null,
  };
  await m.insert(CampaignEntity, campaign);
  const targeted = await retargetCampaign(m, campaign);
  await m.insert(AuditLogEntity, {
    actorId: null,
    actorName: 'system',
    actorRole: 'system',
    action: 'inspection.seed',
    objectType: 'street',
    objectId: ids.streetId,
    result: 'ok',
    detail: { templates: templateIds.length, campaign: campaign.name, targeted },
    streetId: ids.streetId,
  });
  return true;
}
