import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Area,
  areaSchema,
  type FieldError,
  type ImportKind,
  type ImportResult,
  latSchema,
  lngSchema,
} from '@gridboard/shared';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { Commands } from '../../command/commands';
import { ApiException, invalid, invalidField } from '../../common/errors';
import { fieldErrors } from '../../common/validation';
import { GeoAccess } from '../geo-access';
import { GeoLinksRepository } from '../geo-links.repository';
import { GridLocator } from '../grid-locator';
import { gridBounds } from '../grids.service';
import { buildingFeature, gridFeature, householdSheet, personSheet, siteSheet } from './columns';
import { ImportRepository } from './import.repository';
import { missingColumns, type RawRow, rowError, validateRows } from './rows';
import { readSheet } from './spreadsheet';

/** What the controller received: a GeoJSON document (body or .geojson file) or a spreadsheet file. */
export type ImportSource = { format: 'geojson'; data: unknown } | { format: 'xlsx' | 'csv'; buffer: Buffer };

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: z.record(z.string(), z.unknown()).nullable().default({}),
      }),
    )
    .min(1),
});
const pointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([lngSchema, latSchema]).rest(z.number()),
});

const LAYERS: Record<ImportKind, string[]> = {
  grids: ['grids'],
  buildings: ['buildings', 'compounds'],
  households: ['households', 'buildings'],
  persons: ['persons', 'households'],
  sites: ['sites'],
};

/**
 * Imports of the registry (一标三实 arrives as spreadsheets and map files). All-or-nothing: every row
 * is validated and resolved first, every problem is reported as "row N, column X", and only a clean
 * file is written, in one command with one audit entry and one `geo.imported` event.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly repo: ImportRepository,
    private readonly commands: Commands,
    private readonly access: GeoAccess,
    private readonly links: GeoLinksRepository,
    private readonly locator: GridLocator,
  ) {}

  async run(
    actor: Actor,
    kind: ImportKind,
    requestedStreet: string | undefined,
    source: ImportSource,
  ): Promise<ImportResult> {
    const streetId = this.access.streetOf(actor, requestedStreet);
    if (!(await this.links.streetExists(streetId)))
      throw invalidField('streetId', 'not_found', '街道不存在 / no such street');
    await this.access.ensureWritable(
      actor,
      { streetId, communityId: null, gridId: null, departmentIds: [], streetWide: false },
      { type: 'import', id: null },
    );
    const errors: FieldError[] = [];
    const plan = await this.plan(kind, streetId, source, errors);
    if (errors.length || !plan) throw new ApiException(400, 'errors.import_failed', { errors: byRow(errors) });
    const created = Object.values(plan.tables).reduce((n, rows) => n + rows.length, 0);
    await this.commands.run(actor, async (ctx) => {
      for (const [table, rows] of Object.entries(plan.tables)) await this.repo.insert(table as never, rows);
      await this.repo.recount(streetId);
      const counts = Object.fromEntries(Object.entries(plan.tables).map(([t, rows]) => [t, rows.length]));
      ctx.audit({ action: 'geo.import', objectType: kind, detail: { rows: plan.rows, counts }, streetId });
      ctx.emit(
        'geo.imported',
        { layers: LAYERS[kind], counts },
        { streetId, communityId: null, gridId: null, departmentIds: [], streetWide: true },
      );
    });
    return { kind, rows: plan.rows, created };
  }

  /** Rows to insert by table (in foreign-key order), or errors. */
  private async plan(
    kind: ImportKind,
    streetId: string,
    source: ImportSource,
    errors: FieldError[],
  ): Promise<{ rows: number; tables: Record<string, object[]> } | null> {
    if (kind === 'grids' || kind === 'buildings') {
      if (source.format !== 'geojson') throw new ApiException(415, 'errors.unsupported_media_type');
      const fc = featureCollectionSchema.safeParse(source.data);
      if (!fc.success) throw invalid(fieldErrors(fc.error.issues), 'errors.import_failed');
      const features = fc.data.features;
      const raw: RawRow[] = features.map((f, i) => ({
        where: `feature ${i + 1}`,
        unit: 'property',
        cells: stringCells(f.properties ?? {}),
      }));
      const tables =
        kind === 'grids'
          ? await this.grids(
              streetId,
              raw,
              features.map((f) => f.geometry),
              errors,
            )
          : await this.buildings(
              streetId,
              raw,
              features.map((f) => f.geometry),
              errors,
            );
      return { rows: features.length, tables };
    }
    if (source.format === 'geojson') throw new ApiException(415, 'errors.unsupported_media_type');
    const sheet = await readSheet(source.buffer, source.format).catch(() => {
      throw invalid(
        [{ field: 'file', code: 'unreadable', message: '无法读取文件 / the file cannot be read' }],
        'errors.import_failed',
      );
    });
    const spec = { households: householdSheet, persons: personSheet, sites: siteSheet }[kind];
    errors.push(...missingColumns(spec, sheet.headers));
    if (!sheet.rows.length) errors.push({ field: 'file', code: 'empty', message: '没有数据行 / no data rows' });
    if (errors.length) return null;
    const raw: RawRow[] = sheet.rows.map((r) => ({ where: `row ${r.row}`, unit: 'column', cells: r.cells }));
    const tables =
      kind === 'households'
        ? await this.households(streetId, raw, errors)
        : kind === 'persons'
          ? await this.persons(streetId, raw, errors)
          : await this.sites(streetId, raw, errors);
    return { rows: raw.length, tables };
  }

  private async grids(streetId: string, raw: RawRow[], geometries: unknown[], errors: FieldError[]) {
    const rows = validateRows(gridFeature, raw, errors);
    const communities = await this.repo.communities(streetId);
    const byKey = new Map(communities.flatMap((c) => [[c.code, c] as const, [c.name, c] as const]));
    const codes = new Set((await this.repo.grids(streetId)).map((g) => g.code));
    const grid: object[] = [];
    rows.forEach((r) => {
      const area = areaSchema.safeParse(geometries[r.index]);
      if (!area.success)
        return errors.push(
          rowError(
            r.where,
            'property',
            'geometry',
            'invalid_geometry',
            '须为 Polygon 或 MultiPolygon / Polygon or MultiPolygon',
          ),
        );
      const community = byKey.get(r.value.community);
      if (!community)
        return errors.push(
          rowError(r.where, 'property', '社区', 'not_found', `社区 ${r.value.community} 不存在 / no such community`),
        );
      if (codes.has(r.value.code))
        return errors.push(
          rowError(r.where, 'property', '网格编码', 'duplicate', `编码 ${r.value.code} 已存在 / code already used`),
        );
      codes.add(r.value.code);
      grid.push({
        id: randomUUID(),
        streetId,
        communityId: community.id,
        code: r.value.code,
        name: r.value.name,
        type: r.value.type,
        area: area.data,
        ...gridBounds(area.data),
        households: 0,
        leaderName: r.value.leaderName,
        leaderPhone: r.value.leaderPhone,
      });
    });
    return { grid };
  }

  private async buildings(streetId: string, raw: RawRow[], geometries: unknown[], errors: FieldError[]) {
    const rows = validateRows(buildingFeature, raw, errors);
    const grids = await this.repo.grids(streetId);
    const gridByKey = new Map(grids.flatMap((g) => [[g.code, g] as const, [g.name, g] as const]));
    const locate = await this.locator.index(streetId);
    const compounds = new Map(
      (await this.repo.compounds(streetId)).map((c) => [c.name, { id: c.id, gridId: c.gridId }]),
    );
    const names = new Set((await this.repo.buildings(streetId)).map((b) => b.name));
    const compound: object[] = [];
    const building: object[] = [];
    for (const r of rows) {
      const where = located(geometries[r.index]);
      if (!where) {
        errors.push(
          rowError(
            r.where,
            'property',
            'geometry',
            'invalid_geometry',
            '须为 Point、Polygon 或 MultiPolygon / Point, Polygon or MultiPolygon',
          ),
        );
        continue;
      }
      const grid = r.value.grid ? gridByKey.get(r.value.grid) : locate(where.point);
      if (!grid) {
        errors.push(
          r.value.grid
            ? rowError(r.where, 'property', '网格', 'not_found', `网格 ${r.value.grid} 不存在 / no such grid`)
            : rowError(
                r.where,
                'property',
                'geometry',
                'outside_area',
                `位置 (${where.point.lat}, ${where.point.lng}) 不在任何网格内 / not inside any grid`,
              ),
        );
        continue;
      }
      if (names.has(r.value.name)) {
        errors.push(
          rowError(
            r.where,
            'property',
            '楼栋',
            'duplicate',
            `楼栋 ${r.value.name} 已存在 / building already registered`,
          ),
        );
        continue;
      }
      names.add(r.value.name);
      let compoundId: string | null = null;
      if (r.value.compound) {
        // a compound named for the first time is registered with its first building's grid
        let c = compounds.get(r.value.compound);
        if (!c) {
          c = { id: randomUUID(), gridId: grid.id };
          compounds.set(r.value.compound, c);
          compound.push({
            id: c.id,
            streetId,
            communityId: grid.communityId,
            gridId: grid.id,
            name: r.value.compound,
            address: r.value.address,
            area: null,
          });
        }
        compoundId = c.id;
      }
      building.push({
        id: randomUUID(),
        streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        compoundId,
        name: r.value.name,
        address: r.value.address,
        lat: where.point.lat,
        lng: where.point.lng,
        floors: r.value.floors,
        households: 0,
        leaderName: r.value.leaderName,
        leaderPhone: r.value.leaderPhone,
        footprint: where.footprint,
      });
    }
    return { compound, building };
  }

  private async households(streetId: string, raw: RawRow[], errors: FieldError[]) {
    const rows = validateRows(householdSheet, raw, errors);
    const buildings = new Map((await this.repo.buildings(streetId)).map((b) => [b.name, b]));
    const taken = new Set((await this.repo.households(streetId)).map((h) => `${h.buildingId}|${h.unit}|${h.room}`));
    const household: object[] = [];
    for (const r of rows) {
      const b = buildings.get(r.value.building);
      if (!b) {
        errors.push(
          rowError(r.where, 'column', '楼栋', 'not_found', `楼栋 ${r.value.building} 不存在 / no such building`),
        );
        continue;
      }
      const key = `${b.id}|${r.value.unit}|${r.value.room}`;
      if (taken.has(key)) {
        errors.push(
          rowError(
            r.where,
            'column',
            '房号',
            'duplicate',
            `${r.value.building} ${r.value.unit}单元 ${r.value.room} 已登记 / already registered`,
          ),
        );
        continue;
      }
      taken.add(key);
      household.push({
        id: randomUUID(),
        streetId,
        communityId: b.communityId,
        gridId: b.gridId,
        buildingId: b.id,
        unit: r.value.unit,
        room: r.value.room,
        headName: r.value.headName,
        phone: r.value.phone,
        personCount: 0,
      });
    }
    return { household };
  }

  private async persons(streetId: string, raw: RawRow[], errors: FieldError[]) {
    const rows = validateRows(personSheet, raw, errors);
    const buildings = new Map((await this.repo.buildings(streetId)).map((b) => [b.name, b]));
    const households = new Map(
      (await this.repo.households(streetId)).map((h) => [`${h.buildingId}|${h.unit}|${h.room}`, h]),
    );
    const ids = await this.repo.idNumbers(streetId);
    const person: object[] = [];
    for (const r of rows) {
      const b = buildings.get(r.value.building);
      const h = b && households.get(`${b.id}|${r.value.unit}|${r.value.room}`);
      if (!h) {
        errors.push(
          b
            ? rowError(
                r.where,
                'column',
                '房号',
                'not_found',
                `${r.value.building} ${r.value.unit}单元 ${r.value.room} 未登记住户 / no such household`,
              )
            : rowError(r.where, 'column', '楼栋', 'not_found', `楼栋 ${r.value.building} 不存在 / no such building`),
        );
        continue;
      }
      if (r.value.idNumber && ids.has(r.value.idNumber)) {
        errors.push(
          rowError(r.where, 'column', '身份证号', 'duplicate', '身份证号已登记 / ID number already registered'),
        );
        continue;
      }
      if (r.value.idNumber) ids.add(r.value.idNumber);
      person.push({
        id: randomUUID(),
        streetId,
        communityId: h.communityId,
        gridId: h.gridId,
        buildingId: h.buildingId,
        householdId: h.id,
        name: r.value.name,
        phone: r.value.phone,
        idNumber: r.value.idNumber,
        birthYear: r.value.birthYear,
        tags: r.value.tags,
      });
    }
    return { person };
  }

  private async sites(streetId: string, raw: RawRow[], errors: FieldError[]) {
    const rows = validateRows(siteSheet, raw, errors);
    const grids = new Map(
      (await this.repo.grids(streetId)).flatMap((g) => [[g.code, g] as const, [g.name, g] as const]),
    );
    const buildings = new Map((await this.repo.buildings(streetId)).map((b) => [b.name, b]));
    const locate = await this.locator.index(streetId);
    const site: object[] = [];
    for (const r of rows) {
      const v = r.value;
      const grid = v.grid ? grids.get(v.grid) : locate(v);
      if (!grid) {
        errors.push(
          v.grid
            ? rowError(r.where, 'column', '网格', 'not_found', `网格 ${v.grid} 不存在 / no such grid`)
            : rowError(
                r.where,
                'column',
                '经度',
                'outside_area',
                `位置 (${v.lat}, ${v.lng}) 不在任何网格内 / not inside any grid`,
              ),
        );
        continue;
      }
      const building = v.building ? buildings.get(v.building) : undefined;
      if (v.building && !building) {
        errors.push(rowError(r.where, 'column', '楼栋', 'not_found', `楼栋 ${v.building} 不存在 / no such building`));
        continue;
      }
      site.push({
        id: randomUUID(),
        streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        buildingId: building?.id ?? null,
        name: v.name,
        type: v.type,
        nineSmall: v.nineSmall,
        grade: v.grade,
        address: v.address,
        lat: v.lat,
        lng: v.lng,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
      });
    }
    return { site };
  }
}

/** Errors in file order ("row 3" before "row 12"); stable within a row. */
function byRow(errors: FieldError[]): FieldError[] {
  const n = (e: FieldError) => Number(/^(?:row|feature) (\d+)/.exec(e.field)?.[1] ?? 0);
  return [...errors].sort((a, b) => n(a) - n(b));
}

function stringCells(props: Record<string, unknown>): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || typeof v === 'object') continue;
    const s = String(v).trim();
    if (s) cells.set(k.replace(/[\s\u3000]+/g, ''), s);
  }
  return cells;
}

/** A building feature's point (the entrance, or the middle of its footprint) and footprint. */
function located(geometry: unknown): { point: { lat: number; lng: number }; footprint: Area | null } | null {
  const p = pointSchema.safeParse(geometry);
  if (p.success) return { point: { lng: p.data.coordinates[0], lat: p.data.coordinates[1] }, footprint: null };
  const a = areaSchema.safeParse(geometry);
  if (!a.success) return null;
  const ring = a.data.type === 'Polygon' ? a.data.coordinates[0]! : a.data.coordinates[0]![0]!;
  const corners = ring.slice(0, -1);
  const lng = corners.reduce((s, c) => s + c[0], 0) / corners.length;
  const lat = corners.reduce((s, c) => s + c[1], 0) / corners.length;
  return { point: { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 }, footprint: a.data };
}
