import { Injectable } from '@nestjs/common';
import {
  type FieldError,
  findContaining,
  type ImportField,
  type HotlineImportResult,
  type IncidentSource,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
} from '@gridboard/shared';
import { QueryFailedError } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalid } from '../common/errors';
import type { GridEntity } from '../geo/grid.entity';
import { IncidentConfigRepository } from './incident-config.repository';
import { IncidentConfigService } from './incident-config.service';
import { IncidentRecorder } from './incident-recorder';
import type { IncidentEntity } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { LocationRepository } from './location.repository';
import { type Cell, parseShanghaiTime, readSheet } from './hotline-sheet';
import { LocationService, type ResolvedLocation } from './location.service';

interface Row {
  line: number;
  ticket: string;
  title: string;
  description: string;
  category: string;
  severity: Severity;
  location: ResolvedLocation;
  reporterName: string | null;
  reporterPhone: string | null;
  reportedAt: Date | null;
  deadline: Date | null;
}

const PHONE = /^[0-9+\-\s]{5,20}$/;
const text = (v: Cell) => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v).trim());

/**
 * 12345 hotline (or 数字城管) spreadsheet → incidents. The street's saved column mapping says which
 * header holds which field. All or nothing: every row is checked first and any error answers 400
 * listing row, column and reason with nothing written. A ticket already imported is updated in
 * place (the same incident, a timeline step), never duplicated.
 */
@Injectable()
export class HotlineImportService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly repo: IncidentsRepository,
    private readonly configRepo: IncidentConfigRepository,
    private readonly config: IncidentConfigService,
    private readonly geo: LocationRepository,
    private readonly location: LocationService,
    private readonly recorder: IncidentRecorder,
    private readonly commands: Commands,
    private readonly clock: Clock,
  ) {}

  async import(actor: Actor, streetId: string, source: IncidentSource, file: Buffer): Promise<HotlineImportResult> {
    const { columns } = await this.config.mapping(streetId, source);
    const sheet = await readSheet(file);
    const errors: FieldError[] = [];
    const col = new Map<ImportField, number>();
    for (const [f, header] of Object.entries(columns) as [ImportField, string][]) {
      const idx = sheet.headers.indexOf(header);
      if (idx >= 0) col.set(f, idx);
      else if (f === 'ticket' || f === 'title') {
        errors.push({
          field: `column ${header}`,
          code: 'missing_column',
          message: `缺少列「${header}」 / Column "${header}" is missing`,
        });
      }
    }
    if (!col.has('lat') && !col.has('gridCode')) {
      errors.push({
        field: 'columns',
        code: 'missing_column',
        message: `需要经纬度列或网格编号列 / A lat/lng or a grid code column is needed (${columns.lat ?? '-'}, ${columns.gridCode ?? '-'})`,
      });
    }
    if (errors.length) throw invalid(errors, 'errors.import_failed');
    if (!sheet.rows.length)
      throw invalid([{ field: 'file', code: 'empty', message: '没有数据行 / No data rows' }], 'errors.import_failed');

    const rows = await this.checkRows(streetId, sheet.rows, col, columns, errors);
    if (errors.length) throw invalid(errors, 'errors.import_failed');

    const existing = new Map(
      (
        await this.repo.findByTicket(
          streetId,
          rows.map((r) => r.ticket),
        )
      ).map((i) => [i.hotlineTicket!, i]),
    );
    try {
      return await this.commands.run(actor, async (ctx) => {
        const result: HotlineImportResult = { created: 0, updated: 0, unchanged: 0, rejected: 0, incidentIds: [] };
        const now = this.clock.now();
        for (const r of rows) {
          const old = existing.get(r.ticket);
          if (!old) {
            const { incident } = await this.incidents.insertNew(ctx, actor, {
              location: r.location,
              source,
              category: r.category,
              severity: r.severity,
              title: r.title,
              description: r.description,
              reporterName: r.reporterName,
              reporterPhone: r.reporterPhone,
              hotlineTicket: r.ticket,
              reportedAt: r.reportedAt ?? now,
              deadline: r.deadline,
              drillId: null,
            });
            result.created++;
            result.incidentIds.push(incident.id);
            continue;
          }
          const before = (await this.repo.findForUpdate(old.id))!;
          const patch = changes(before, r, col);
          result.incidentIds.push(before.id);
          if (!Object.keys(patch).length) {
            result.unchanged++;
            continue;
          }
          const after = await this.repo.update(before.id, before.version, patch, (c) => c.id);
          await this.recorder.record(ctx, actor, before, after, {
            action: 'import_update',
            at: now,
            note: `热线工单 ${r.ticket} 重新导入 / re-imported`,
            detail: { ticket: r.ticket, fields: Object.keys(patch) },
            event: 'incident.changed',
          });
          result.updated++;
        }
        return result;
      });
    } catch (e) {
      // Another import of the same ticket committed first: retrying updates it instead.
      if (e instanceof QueryFailedError && (e as { code?: string }).code === '23505') {
        throw new ApiException(409, 'errors.duplicate');
      }
      throw e;
    }
  }

  private async checkRows(
    streetId: string,
    raw: Cell[][],
    col: Map<ImportField, number>,
    headers: Partial<Record<ImportField, string>>,
    errors: FieldError[],
  ): Promise<Row[]> {
    const categories = await this.configRepo.categories();
    const byLabel = new Map<string, string>();
    for (const c of categories.filter((c) => c.active)) {
      for (const k of [c.code, c.labelZh, c.labelEn.toLowerCase()]) byLabel.set(k, c.code);
    }
    const severities = new Map<string, Severity>();
    for (const s of SEVERITIES)
      for (const k of [s, SEVERITY_LABELS[s]['zh-CN'], SEVERITY_LABELS[s]['en-US'].toLowerCase()]) severities.set(k, s);
    const codes = [...new Set(raw.map((r) => text(r[col.get('gridCode') ?? -1] ?? null)).filter(Boolean))];
    const gridsByCode = new Map((await this.geo.gridsByCode(streetId, codes)).map((g) => [g.code, g]));

    const seen = new Map<string, number>();
    const rows: Row[] = [];
    for (const [n, cells] of raw.entries()) {
      const line = n + 2; // the header is line 1
      const get = (f: ImportField): Cell => (col.has(f) ? (cells[col.get(f)!] ?? null) : null);
      const fail = (f: ImportField, code: string, message: string) =>
        errors.push({ field: `row ${line}, column ${headers[f] ?? f}`, code, message });
      const before = errors.length;

      const ticket = text(get('ticket'));
      if (!ticket) fail('ticket', 'required', '工单编号为空 / The ticket number is empty');
      else if (seen.has(ticket))
        fail('ticket', 'duplicate', `与第 ${seen.get(ticket)} 行重复 / Same ticket as row ${seen.get(ticket)}`);
      else seen.set(ticket, line);
      const title = text(get('title')).slice(0, 120);
      if (!title) fail('title', 'required', '标题为空 / The title is empty');
      const categoryText = text(get('category'));
      const category = categoryText ? (byLabel.get(categoryText) ?? byLabel.get(categoryText.toLowerCase())) : 'other';
      if (!category) fail('category', 'unknown_category', `未知类别「${categoryText}」 / Unknown category`);
      const severityText = text(get('severity'));
      const severity = severityText
        ? (severities.get(severityText) ?? severities.get(severityText.toLowerCase()))
        : 'medium';
      if (!severity) fail('severity', 'unknown_severity', `未知紧急程度「${severityText}」 / Unknown severity`);
      const phone = text(get('reporterPhone'));
      if (phone && !PHONE.test(phone)) fail('reporterPhone', 'invalid_phone', '电话号码格式不对 / Not a phone number');
      const reportedAt = parseShanghaiTime(get('reportedAt'));
      if (reportedAt === 'invalid') fail('reportedAt', 'invalid_date', '时间格式不对 / Not a date and time');
      const deadline = parseShanghaiTime(get('deadline'));
      if (deadline === 'invalid') fail('deadline', 'invalid_date', '时间格式不对 / Not a date and time');
      const grid = this.rowGrid(streetId, get, gridsByCode, await this.gridsFor(get), fail);

      if (errors.length > before || !grid || !category || !severity) continue;
      const lat = num(get('lat'));
      const lng = num(get('lng'));
      const building = lat !== null && lng !== null ? await this.location.nearestBuilding(grid.id, lat, lng) : null;
      rows.push({
        line,
        ticket,
        title,
        description: text(get('description')).slice(0, 4000),
        category,
        severity,
        location: {
          streetId: grid.streetId,
          communityId: grid.communityId,
          gridId: grid.id,
          buildingId: building?.id ?? null,
          siteId: null,
          lat,
          lng,
          address: text(get('address')).slice(0, 200) || building?.address || '',
        },
        reporterName: text(get('reporterName')).slice(0, 50) || null,
        reporterPhone: phone || null,
        reportedAt: reportedAt as Date | null,
        deadline: deadline as Date | null,
      });
    }
    return rows;
  }

  private async gridsFor(get: (f: ImportField) => Cell): Promise<GridEntity[]> {
    const lat = num(get('lat'));
    const lng = num(get('lng'));
    return lat !== null && lng !== null ? this.geo.gridsAround(lat, lng) : [];
  }

  /** The row's grid: by its map point when it has one, else by its grid code; in this street. */
  private rowGrid(
    streetId: string,
    get: (f: ImportField) => Cell,
    byCode: Map<string, GridEntity>,
    around: GridEntity[],
    fail: (f: ImportField, code: string, message: string) => void,
  ): GridEntity | null {
    const lat = num(get('lat'));
    const lng = num(get('lng'));
    if (text(get('lat')) && (lat === null || lat < -90 || lat > 90))
      fail('lat', 'invalid_number', '纬度不对 / Not a latitude');
    if (text(get('lng')) && (lng === null || lng < -180 || lng > 180))
      fail('lng', 'invalid_number', '经度不对 / Not a longitude');
    if (lat !== null && lng !== null) {
      const g = findContaining(
        { lat, lng },
        around.filter((x) => x.streetId === streetId),
      );
      if (!g) fail('lat', 'outside_area', '位置不在本街道的网格内 / Not inside a grid of this street');
      return g ?? null;
    }
    const code = text(get('gridCode'));
    if (!code) {
      fail('gridCode', 'required', '需要经纬度或网格编号 / Needs lat/lng or a grid code');
      return null;
    }
    const g = byCode.get(code);
    if (!g) fail('gridCode', 'not_found', `本街道没有网格「${code}」 / No such grid in this street`);
    return g ?? null;
  }
}

function num(v: Cell): number | null {
  if (v === null || v === '' || v instanceof Date) return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) ? n : null;
}

/** The fields the spreadsheet changed (its location is kept: moving it would move who sees it). */
function changes(i: IncidentEntity, r: Row, col: Map<ImportField, number>): Partial<IncidentEntity> {
  const next: Partial<IncidentEntity> = {
    title: r.title,
    ...(col.has('description') ? { description: r.description } : {}),
    ...(col.has('category') ? { category: r.category } : {}),
    ...(col.has('severity') ? { severity: r.severity } : {}),
    ...(col.has('address') ? { address: r.location.address } : {}),
    ...(col.has('reporterName') ? { reporterName: r.reporterName } : {}),
    ...(col.has('reporterPhone') ? { reporterPhone: r.reporterPhone } : {}),
    ...(r.deadline ? { deadline: r.deadline } : {}),
  };
  const patch: Partial<IncidentEntity> = {};
  for (const [k, v] of Object.entries(next) as [keyof IncidentEntity, unknown][]) {
    const cur = i[k];
    const same = cur instanceof Date && v instanceof Date ? cur.getTime() === v.getTime() : cur === v;
    if (!same) (patch as Record<string, unknown>)[k] = v;
  }
  return patch;
}
