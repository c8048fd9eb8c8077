import { Injectable } from '@nestjs/common';
import { type FloodReview, TRANSFER_STATES, transferWorkflow } from '@gridboard/shared';
import { Workbook } from 'exceljs';
import type { Actor } from '../auth/actor';
import { addressOf, toStepDto, toWarningDto } from './flood-dto';
import { FloodAccess } from './flood-access';
import { RegisterRepository } from './register.repository';
import { TasksRepository } from './tasks.repository';
import { WarningsRepository } from './warnings.repository';

const minutes = (from: Date, to: Date | null) =>
  to ? Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10 : null;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}

/**
 * 雨后复盘: from the warning to each household notified and safe (sheltered or with relatives), how
 * long each grid took and which were slowest — within the reader's jurisdiction — and as a workbook.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly access: FloodAccess,
    private readonly warnings: WarningsRepository,
    private readonly tasks: TasksRepository,
    private readonly register: RegisterRepository,
  ) {}

  async review(actor: Actor, id: string): Promise<FloodReview> {
    const w = await this.access.warning(actor, id);
    const tasks = await this.tasks.ofWarning(w.id, undefined, actor.scope);
    const households = await this.register.findByIds(tasks.map((t) => t.floodHouseholdId));
    const grids = new Map((await this.warnings.grids(w.streetId)).map((g) => [g.id, g]));
    const visible = new Set(tasks.map((t) => t.id));
    const steps = (await this.warnings.steps(w.id)).filter((s) => s.taskId === null || visible.has(s.taskId));
    const rows = tasks.map((t) => {
      const h = households.get(t.floodHouseholdId)!;
      const safe = [t.shelteredAt, t.selfArrangedAt].filter((d): d is Date => d !== null);
      const safeAt = safe.length ? new Date(Math.min(...safe.map((d) => d.getTime()))) : null;
      return {
        taskId: t.id,
        gridId: t.gridId,
        gridName: grids.get(t.gridId)?.name ?? '',
        address: addressOf(h.building, h.unit, h.room),
        personCount: t.personCount,
        state: t.state,
        cadreName: h.cadreName,
        notifiedAt: t.notifiedAt?.toISOString() ?? null,
        safeAt: safeAt?.toISOString() ?? null,
        returnedAt: t.returnedAt?.toISOString() ?? null,
        minutesToNotify: minutes(w.issuedAt, t.notifiedAt),
        minutesToSafe: minutes(w.issuedAt, safeAt),
        refused: t.refusedAt !== null,
      };
    });
    const byGrid = new Map<string, typeof rows>();
    for (const r of rows) byGrid.set(r.gridId, [...(byGrid.get(r.gridId) ?? []), r]);
    const gridRows = [...byGrid].map(([gridId, list]) => {
      const times = list.flatMap((r) => (r.minutesToSafe === null ? [] : [r.minutesToSafe]));
      return {
        gridId,
        gridCode: grids.get(gridId)?.code ?? '',
        gridName: grids.get(gridId)?.name ?? '',
        households: list.length,
        people: list.reduce((n, r) => n + r.personCount, 0),
        safe: times.length,
        refused: list.filter((r) => r.refused).length,
        medianMinutesToSafe: median(times),
        maxMinutesToSafe: times.length ? Math.max(...times) : null,
      };
    });
    gridRows.sort((a, b) => a.gridCode.localeCompare(b.gridCode));
    const slowest = [...gridRows].sort(
      (a, b) => (b.medianMinutesToSafe ?? -1) - (a.medianMinutesToSafe ?? -1) || a.gridCode.localeCompare(b.gridCode),
    );
    return {
      warning: toWarningDto(w),
      timeline: steps.map(toStepDto),
      households: rows.map(({ refused: _refused, ...r }) => r),
      grids: gridRows,
      slowestGrids: slowest,
      medianMinutesToSafe: median(rows.flatMap((r) => (r.minutesToSafe === null ? [] : [r.minutesToSafe]))),
    };
  }

  /** The review as a workbook: summary, grids (slowest first), households, timeline. */
  async workbook(actor: Actor, id: string): Promise<{ filename: string; buffer: Buffer }> {
    const r = await this.review(actor, id);
    const wb = new Workbook();
    wb.creator = 'Gridboard 网格值守台';
    const label = (s: string) => transferWorkflow.stateLabels[s as (typeof TRANSFER_STATES)[number]]?.['zh-CN'] ?? s;
    const summary = wb.addWorksheet('概况');
    summary.addRows([
      ['预警', r.warning.title],
      ['内容', r.warning.message],
      ['演练', r.warning.drillId ? '是' : '否'],
      ['发布时间', r.warning.issuedAt],
      ['解除时间', r.warning.liftedAt ?? ''],
      ['关闭时间', r.warning.closedAt ?? ''],
      ['转移户数', r.households.length],
      ['转移人数', r.households.reduce((n, h) => n + h.personCount, 0)],
      ['转移用时中位数（分钟）', r.medianMinutesToSafe ?? ''],
      ['例外关闭说明', r.warning.closeException?.reason ?? ''],
    ]);
    const grids = wb.addWorksheet('网格用时');
    grids.addRow([
      '网格编码',
      '网格',
      '户数',
      '人数',
      '已安全户数',
      '拒绝转移户数',
      '用时中位数（分钟）',
      '最长用时（分钟）',
    ]);
    for (const g of r.slowestGrids) {
      grids.addRow([
        g.gridCode,
        g.gridName,
        g.households,
        g.people,
        g.safe,
        g.refused,
        g.medianMinutesToSafe,
        g.maxMinutesToSafe,
      ]);
    }
    const households = wb.addWorksheet('逐户');
    households.addRow([
      '网格',
      '地址',
      '人数',
      '状态',
      '包保责任人',
      '通知时间',
      '安全时间',
      '返回时间',
      '通知用时（分钟）',
      '转移用时（分钟）',
    ]);
    for (const h of r.households) {
      households.addRow([
        h.gridName,
        h.address,
        h.personCount,
        label(h.state),
        h.cadreName,
        h.notifiedAt ?? '',
        h.safeAt ?? '',
        h.returnedAt ?? '',
        h.minutesToNotify,
        h.minutesToSafe,
      ]);
    }
    const timeline = wb.addWorksheet('时间线');
    timeline.addRow(['时间', '操作', '人员', '角色', '从', '到', '人数', '说明']);
    for (const s of r.timeline) {
      timeline.addRow([
        s.at,
        s.action,
        s.actorName,
        s.actorRole,
        label(s.fromState ?? ''),
        label(s.toState ?? ''),
        s.people,
        s.note ?? '',
      ]);
    }
    for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `flood-review-${r.warning.issuedAt.slice(0, 10)}-${id.slice(0, 8)}.xlsx`, buffer };
  }
}
