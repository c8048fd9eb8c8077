import { Injectable } from '@nestjs/common';
import { canSee, type FieldError, type FloodImportResult, type Jurisdiction } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { UserRepository } from '../auth/user.repository';
import { Commands } from '../command/commands';
import { ApiException, invalid, invalidField } from '../common/errors';
import { streetOf } from '../common/params';
import { missingColumns, type RawRow, rowError, validateRows } from '../geo/import/rows';
import { readSheet } from '../geo/import/spreadsheet';
import type { FloodHouseholdEntity } from './flood-household.entity';
import { RegisterRepository } from './register.repository';
import { registerSheet } from './register-sheet';
import { newCardCode } from './transfer-card';

/** An account name as typed in a sheet (a cadre's name is Chinese; a username is not). */
const USERNAME = /^[A-Za-z0-9._-]+$/;

/**
 * The register from a spreadsheet, all or nothing (the geo import's plumbing: the same sheet reader,
 * column aliases and "row N, column X" errors). Every row is checked — building and shelter of the
 * street, duplicates in the register and in the file, the cadre's account — and only a clean file is
 * written, in one command with one audit entry and one event.
 */
@Injectable()
export class RegisterImportService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly users: UserRepository,
    private readonly commands: Commands,
  ) {}

  async run(
    actor: Actor,
    requestedStreet: string | undefined,
    file: { buffer: Buffer; format: 'xlsx' | 'csv' },
  ): Promise<FloodImportResult> {
    const streetId = streetOf(actor, requestedStreet);
    const sheet = await readSheet(file.buffer, file.format).catch(() => {
      throw invalid(
        [{ field: 'file', code: 'unreadable', message: '无法读取文件 / the file cannot be read' }],
        'errors.import_failed',
      );
    });
    const errors: FieldError[] = missingColumns(registerSheet, sheet.headers);
    if (!sheet.rows.length) errors.push({ field: 'file', code: 'empty', message: '没有数据行 / no data rows' });
    if (errors.length) throw new ApiException(400, 'errors.import_failed', { errors });
    const raw: RawRow[] = sheet.rows.map((r) => ({ where: `row ${r.row}`, unit: 'column', cells: r.cells }));
    const rows = await this.plan(actor, streetId, raw, errors);
    if (errors.length) throw new ApiException(400, 'errors.import_failed', { errors: byRow(errors) });
    await this.commands.run(actor, async (ctx) => {
      await this.repo.insert(rows);
      ctx.audit({
        action: 'flood.household.import',
        objectType: 'flood_household',
        detail: { rows: raw.length, created: rows.length },
        streetId,
      });
      ctx.emit(
        'flood.households.imported',
        { created: rows.length },
        { streetId, communityId: null, gridId: null, departmentIds: [], streetWide: false },
      );
    });
    return { rows: raw.length, created: rows.length };
  }

  private async plan(
    actor: Actor,
    streetId: string,
    raw: RawRow[],
    errors: FieldError[],
  ): Promise<Partial<FloodHouseholdEntity>[]> {
    const valid = validateRows(registerSheet, raw, errors);
    const { buildings, shelters } = await this.repo.placesOfStreet(streetId);
    const taken = await this.repo.keysOfStreet(streetId);
    const out: Partial<FloodHouseholdEntity>[] = [];
    for (const { where, value: v } of valid) {
      const fail = (column: string, code: string, message: string) =>
        errors.push(rowError(where, 'column', column, code, message));
      const b = buildings.get(v.building);
      if (!b) {
        fail('楼栋', 'not_found', `楼栋 ${v.building} 不存在 / no such building`);
        continue;
      }
      const j: Jurisdiction = {
        streetId,
        communityId: b.communityId,
        gridId: b.gridId,
        departmentIds: [],
        streetWide: false,
      };
      if (!canSee(actor.scope, j)) {
        fail('楼栋', 'out_of_scope', `楼栋 ${v.building} 不在您负责的范围 / outside your jurisdiction`);
        continue;
      }
      const key = `${b.id}|${v.unit}|${v.room}`;
      if (taken.has(key)) {
        fail('房号', 'duplicate', `${v.building} ${v.unit} ${v.room} 已在台账中 / already in the register`);
        continue;
      }
      const shelterId = shelters.get(v.shelter);
      if (!shelterId) {
        fail('安置点', 'not_found', `安置点 ${v.shelter} 不存在 / no such shelter`);
        continue;
      }
      const cadre = await this.cadre(streetId, j, v.cadre, v.cadrePhone);
      if ('error' in cadre) {
        fail('包保责任人', cadre.code, cadre.error);
        continue;
      }
      taken.add(key);
      out.push({
        streetId,
        buildingId: b.id,
        householdId: null,
        unit: v.unit,
        room: v.room,
        headName: v.headName,
        phone: v.phone,
        idNumber: v.idNumber,
        personCount: v.personCount,
        vulnerable: v.vulnerable,
        riskType: v.riskType,
        ...cadre,
        shelterId,
        cardCode: newCardCode(),
        note: v.note,
      });
    }
    return out;
  }

  /** A username of the street (linked, and it must see the household) or a cadre's name. */
  private async cadre(
    streetId: string,
    j: Jurisdiction,
    value: string,
    phone: string | null,
  ): Promise<Pick<FloodHouseholdEntity, 'cadreUserId' | 'cadreName' | 'cadrePhone'> | { error: string; code: string }> {
    const u = USERNAME.test(value) ? await this.users.findByUsername(value) : null;
    if (!u || u.disabled || u.streetId !== streetId) {
      return USERNAME.test(value)
        ? { code: 'not_found', error: `本街道没有在用账号 ${value} / no active account ${value} on this street` }
        : { cadreUserId: null, cadreName: value, cadrePhone: phone };
    }
    if (!canSee(u.scope, j)) {
      return {
        code: 'out_of_scope',
        error: `${value} 看不到这户，收不到转移任务 / ${value} cannot see this household`,
      };
    }
    return { cadreUserId: u.id, cadreName: u.displayName, cadrePhone: phone ?? u.phone };
  }
}

/** Errors in file order ("row 3" before "row 12"); stable within a row. */
function byRow(errors: FieldError[]): FieldError[] {
  const n = (e: FieldError) => Number(/^row (\d+)/.exec(e.field)?.[1] ?? 0);
  return [...errors].sort((a, b) => n(a) - n(b));
}

export function importFormat(filename: string): 'xlsx' | 'csv' {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'xlsx' || ext === 'csv') return ext;
  throw new ApiException(415, 'errors.unsupported_media_type');
}

export const fileRequired = () => invalidField('file', 'required', '请上传文件 / upload a file');
