import { Injectable } from '@nestjs/common';
import {
  hazardWorkflow,
  type HazardLedgerQuery,
  INSPECTION_RESULT_LABELS,
  type LedgerQuery,
  maskName,
  maskPhone,
  type MonthlySummary,
  SEVERITY_LABELS,
  type Severity,
  SITE_TYPE_LABELS,
  type SiteType,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { scrubText } from '../auth/personal-data';
import { Clock } from '../command/clock';
import { Db } from '../db/db';
import { shanghaiDate } from '../incidents/working-time';
import { type HazardLedgerRow, LedgersRepository } from './ledgers.repository';
import { type LedgerCell, ledgerWorkbook, shanghaiMinute } from './ledger-workbook';
import { PlacesRepository } from './places.repository';

const zh = <T extends string>(labels: Record<T, { 'zh-CN': string }>, v: string) => labels[v as T]?.['zh-CN'] ?? v;
const state = (s: string) => zh(hazardWorkflow.stateLabels, s);
/** Several hazards of one record in one cell: "1. …" per line. */
const lines = (values: string[]) => (values.length > 1 ? values.map((v, i) => `${i + 1}. ${v}`) : values).join('\n');

export interface Xlsx {
  filename: string;
  data: Buffer;
}

/**
 * 台账 and the monthly summary, in the columns street offices keep (序号, 场所名称, 地址, 网格, 检查时间,
 * 检查人, 检查结果, 隐患描述, 整改期限, 整改情况, 复查人, 销号时间…), each with a 合计 row. Real data
 * only (drills never count); the caller's scope; personal data masked as on screen.
 */
@Injectable()
export class LedgersService {
  constructor(
    private readonly repo: LedgersRepository,
    private readonly places: PlacesRepository,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async records(actor: Actor, q: LedgerQuery): Promise<Xlsx> {
    const { records, hazards } = await this.db
      .snapshot(async () => {
        const records = await this.repo.recordRows(actor.scope, q);
        const hazards = await this.repo.hazardRows(actor.scope, { recordIds: records.map((r) => r.id) });
        return { records, hazards };
      })
      .then((s) => s.result);
    const byRecord = new Map<string, HazardLedgerRow[]>();
    for (const h of hazards) byRecord.set(h.recordId, [...(byRecord.get(h.recordId) ?? []), h]);
    const rows: LedgerCell[][] = records.map((r, i) => {
      const hz = byRecord.get(r.id) ?? [];
      return [
        i + 1,
        r.siteName,
        SITE_TYPE_LABELS[r.siteType as SiteType] ?? r.siteType,
        r.address,
        r.communityName,
        r.gridName,
        shanghaiMinute(r.inspectedAt),
        r.inspectorName,
        r.campaignName ?? '',
        `${r.templateName}（第${r.templateVersion}版）`,
        zh(INSPECTION_RESULT_LABELS, r.result),
        r.failedLabels.join('；'),
        hz.length,
        lines(hz.map((h) => scrubText(h.description))),
        lines(hz.map((h) => shanghaiMinute(h.deadline))),
        lines(hz.map((h) => state(h.state))),
        lines(hz.map((h) => h.recheckedByName ?? '')),
        lines(hz.map((h) => shanghaiMinute(h.closedAt))),
      ];
    });
    const passed = records.filter((r) => r.result === 'pass').length;
    const closed = hazards.filter((h) => h.state === 'closed').length;
    return {
      filename: `检查台账-${this.today()}.xlsx`,
      data: await ledgerWorkbook([
        {
          name: '检查台账',
          title: `${await this.scopeName(actor)}安全检查台账${period(q)}`,
          columns: [
            { header: '序号', width: 6 },
            { header: '场所名称', width: 20 },
            { header: '场所类型', width: 10 },
            { header: '地址', width: 24 },
            { header: '社区', width: 12 },
            { header: '网格', width: 12 },
            { header: '检查时间', width: 17 },
            { header: '检查人', width: 10 },
            { header: '专项行动', width: 18 },
            { header: '检查表', width: 22 },
            { header: '检查结果', width: 10 },
            { header: '不合格项', width: 24 },
            { header: '隐患数', width: 8 },
            { header: '隐患描述', width: 30 },
            { header: '整改期限', width: 17 },
            { header: '整改情况', width: 10 },
            { header: '复查人', width: 10 },
            { header: '销号时间', width: 17 },
          ],
          rows,
          totals: [
            '合计',
            `检查 ${records.length} 次`,
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            `合格 ${passed}，发现隐患 ${records.length - passed}`,
            '',
            hazards.length,
            '',
            '',
            `已销号 ${closed}`,
            '',
            '',
          ],
        },
      ]),
    };
  }

  async hazards(actor: Actor, q: HazardLedgerQuery): Promise<Xlsx> {
    const now = this.clock.now();
    const { result: hazards } = await this.db.snapshot(() => this.repo.hazardRows(actor.scope, q));
    const overdue = (h: HazardLedgerRow) => (h.state === 'open' || h.state === 'rectifying') && h.deadline < now;
    const rows: LedgerCell[][] = hazards.map((h, i) => [
      i + 1,
      h.number,
      h.siteName,
      h.address,
      h.communityName,
      h.gridName,
      h.campaignName ?? '',
      h.itemLabel ?? '其他',
      scrubText(h.description),
      zh(SEVERITY_LABELS, h.severity as Severity),
      scrubText(h.responsibleParty),
      maskName(h.responsibleContact) ?? '',
      maskPhone(h.responsiblePhone) ?? '',
      h.foundByName,
      shanghaiMinute(h.foundAt),
      shanghaiMinute(h.deadline),
      h.extensionCount,
      state(h.state),
      overdue(h) ? '是' : '否',
      h.recurring ? '是' : '否',
      h.recheckedByName ?? '',
      shanghaiMinute(h.closedAt),
    ]);
    const closed = hazards.filter((h) => h.state === 'closed').length;
    return {
      filename: `隐患台账-${this.today()}.xlsx`,
      data: await ledgerWorkbook([
        {
          name: '隐患台账',
          title: `${await this.scopeName(actor)}安全隐患排查整改台账${period(q)}`,
          columns: [
            { header: '序号', width: 6 },
            { header: '隐患编号', width: 18 },
            { header: '场所名称', width: 20 },
            { header: '地址', width: 24 },
            { header: '社区', width: 12 },
            { header: '网格', width: 12 },
            { header: '专项行动', width: 18 },
            { header: '检查项', width: 20 },
            { header: '隐患描述', width: 30 },
            { header: '隐患等级', width: 8 },
            { header: '责任单位', width: 18 },
            { header: '责任人', width: 8 },
            { header: '联系电话', width: 14 },
            { header: '发现人', width: 10 },
            { header: '发现时间', width: 17 },
            { header: '整改期限', width: 17 },
            { header: '延期次数', width: 8 },
            { header: '整改情况', width: 10 },
            { header: '是否超期', width: 8 },
            { header: '是否复发', width: 8 },
            { header: '复查人', width: 10 },
            { header: '销号时间', width: 17 },
          ],
          rows,
          totals: [
            '合计',
            `隐患 ${hazards.length} 条`,
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            hazards.reduce((s, h) => s + h.extensionCount, 0),
            `已销号 ${closed}，未销号 ${hazards.length - closed}`,
            `超期 ${hazards.filter(overdue).length}`,
            `复发 ${hazards.filter((h) => h.recurring).length}`,
            '',
            '',
          ],
        },
      ]),
    };
  }

  async summary(actor: Actor, q: { month?: string; campaignId?: string }): Promise<MonthlySummary> {
    const month = q.month ?? this.today().slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const from = new Date(`${month}-01T00:00:00+08:00`);
    const to = new Date(`${next}-01T00:00:00+08:00`);
    const { result } = await this.db.snapshot(async () => ({
      totals: await this.repo.summary(actor.scope, from, to, q.campaignId),
      byGrid: await this.repo.breakdown(actor.scope, from, to, 'grid', q.campaignId),
      byCampaign: await this.repo.breakdown(actor.scope, from, to, 'campaign', q.campaignId),
    }));
    const h = result.totals.hazards;
    const settled = h.closed + h.openAtEnd;
    return {
      month,
      from: from.toISOString(),
      to: to.toISOString(),
      records: result.totals.records,
      hazards: { ...h, closureRate: settled ? h.closed / settled : null },
      byGrid: result.byGrid.map(({ key, code, name, ...c }) => ({ gridId: key, gridCode: code, gridName: name, ...c })),
      byCampaign: result.byCampaign.map(({ key, name, code: _c, ...c }) => ({ campaignId: key, name, ...c })),
    };
  }

  async summaryXlsx(actor: Actor, q: { month?: string; campaignId?: string }): Promise<Xlsx> {
    const s = await this.summary(actor, q);
    const where = await this.scopeName(actor);
    const counts = ['检查次数', '发现隐患的检查', '发现隐患', '销号隐患'].map((header) => ({ header, width: 14 }));
    const row = (c: { records: number; failedRecords: number; hazardsFound: number; hazardsClosed: number }) => [
      c.records,
      c.failedRecords,
      c.hazardsFound,
      c.hazardsClosed,
    ];
    const sum = (rows: (typeof s)['byGrid'] | (typeof s)['byCampaign']) =>
      row(
        rows.reduce(
          (a, r) => ({
            records: a.records + r.records,
            failedRecords: a.failedRecords + r.failedRecords,
            hazardsFound: a.hazardsFound + r.hazardsFound,
            hazardsClosed: a.hazardsClosed + r.hazardsClosed,
          }),
          { records: 0, failedRecords: 0, hazardsFound: 0, hazardsClosed: 0 },
        ),
      );
    const rate = s.hazards.closureRate === null ? '—' : `${(s.hazards.closureRate * 100).toFixed(1)}%`;
    return {
      filename: `安全排查月报-${s.month}.xlsx`,
      data: await ledgerWorkbook([
        {
          name: '月度汇总',
          title: `${where}安全排查整治月报（${s.month}）`,
          columns: [
            { header: '项目', width: 28 },
            { header: '数值', width: 14 },
          ],
          rows: [
            ['检查次数', s.records.total],
            ['检查场所数', s.records.sites],
            ['合格', s.records.passed],
            ['发现隐患的检查', s.records.failed],
            ['本月发现隐患', s.hazards.found],
            ['本月销号隐患', s.hazards.closed],
            ['其中按期销号', s.hazards.closedOnTime],
            ['月末未销号隐患', s.hazards.openAtEnd],
            ['月末超期未整改', s.hazards.overdueAtEnd],
            ['批准延期', s.hazards.extensions],
            ['复发隐患', s.hazards.recurring],
            ['销号率', rate],
          ],
        },
        {
          name: '分网格',
          title: `${where}分网格统计（${s.month}）`,
          columns: [{ header: '网格', width: 16 }, { header: '网格编码', width: 14 }, ...counts],
          rows: s.byGrid.map((g) => [g.gridName, g.gridCode, ...row(g)]),
          totals: ['合计', '', ...sum(s.byGrid)],
        },
        {
          name: '分专项行动',
          title: `${where}分专项行动统计（${s.month}）`,
          columns: [{ header: '专项行动', width: 24 }, ...counts],
          rows: s.byCampaign.map((c) => [c.name, ...row(c)]),
          totals: ['合计', ...sum(s.byCampaign)],
        },
      ]),
    };
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  private async scopeName(actor: Actor): Promise<string> {
    return actor.scope.kind === 'district' ? '' : ((await this.places.streetName(actor.scope.streetId)) ?? '');
  }
}

function period(q: { from?: string; to?: string }): string {
  if (!q.from && !q.to) return '';
  const d = (v: string | undefined) => (v ? shanghaiDate(new Date(v)) : '');
  return `（${d(q.from)} 至 ${d(q.to)}）`;
}
