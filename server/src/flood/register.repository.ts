import { Injectable } from '@nestjs/common';
import type { FloodHouseholdListQuery, Scope } from '@gridboard/shared';
import { QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scopeCondition } from '../auth/scope-filter';
import { ApiException, versionConflict } from '../common/errors';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { FloodHouseholdEntity } from './flood-household.entity';
import type { RegisterRow } from './flood-dto';

/** The register's jurisdiction is its building's (the household follows the building). */
const BUILDING_SCOPE = { street: 'street_id', community: 'community_id', grid: 'grid_id' } as const;
/** PostgreSQL 15 reports a RESTRICT foreign key as 23503, PostgreSQL 18 (PGlite) as 23001. */
const STILL_REFERENCED = ['23503', '23001'];

/** The only place with SQL for the fixed-transfer register. */
@Injectable()
export class RegisterRepository {
  constructor(private readonly db: Db) {}

  private rows(): SelectQueryBuilder<FloodHouseholdEntity> {
    return this.db.manager
      .createQueryBuilder(FloodHouseholdEntity, 'fh')
      .innerJoinAndSelect('fh.building', 'b')
      .innerJoinAndSelect('fh.shelter', 's');
  }

  async list(
    scope: Scope,
    q: FloodHouseholdListQuery,
    me: string | null,
  ): Promise<{ items: RegisterRow[]; total: number }> {
    const cond = scopeCondition(scope, 'b', BUILDING_SCOPE);
    const qb = this.rows().where(cond.sql, cond.params);
    if (q.streetId) qb.andWhere('fh.street_id = :streetId', { streetId: q.streetId });
    if (q.communityId) qb.andWhere('b.community_id = :communityId', { communityId: q.communityId });
    if (q.gridId) qb.andWhere('b.grid_id = :gridId', { gridId: q.gridId });
    if (q.buildingId) qb.andWhere('fh.building_id = :buildingId', { buildingId: q.buildingId });
    if (q.shelterId) qb.andWhere('fh.shelter_id = :shelterId', { shelterId: q.shelterId });
    if (q.cadreUserId) qb.andWhere('fh.cadre_user_id = :cadre', { cadre: q.cadreUserId });
    if (q.riskType) qb.andWhere('fh.risk_type = :risk', { risk: q.riskType });
    if (q.vulnerable) qb.andWhere(':flag = ANY(fh.vulnerable)', { flag: q.vulnerable });
    if (q.mine) qb.andWhere('fh.cadre_user_id IS NOT DISTINCT FROM :me', { me });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(b.name ILIKE :like OR fh.unit ILIKE :like OR fh.room ILIKE :like)', { like });
    }
    const [items, total] = await qb
      .orderBy('b.name', 'ASC')
      .addOrderBy('fh.unit', 'ASC')
      .addOrderBy('fh.room', 'ASC')
      .addOrderBy('fh.id', 'ASC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items: items as RegisterRow[], total };
  }

  async findById(id: string): Promise<RegisterRow | null> {
    return (await this.rows().where('fh.id = :id', { id }).getOne()) as RegisterRow | null;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, RegisterRow>> {
    if (!ids.length) return new Map();
    const rows = (await this.rows().where('fh.id = ANY(:ids)', { ids }).getMany()) as RegisterRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  async findByCode(code: string): Promise<RegisterRow | null> {
    return (await this.rows().where('fh.card_code = :code', { code }).getOne()) as RegisterRow | null;
  }

  /** The whole register of a street, for selecting the households a warning covers. */
  async ofStreet(streetId: string): Promise<RegisterRow[]> {
    return (await this.rows()
      .where('fh.street_id = :streetId', { streetId })
      .orderBy('b.name', 'ASC')
      .addOrderBy('fh.unit', 'ASC')
      .addOrderBy('fh.room', 'ASC')
      .getMany()) as RegisterRow[];
  }

  /** Building, unit and room of every register household of a street (imports check duplicates). */
  async keysOfStreet(streetId: string): Promise<Set<string>> {
    const rows = (await this.db.manager.query(
      'SELECT building_id, unit, room FROM flood_household WHERE street_id = $1',
      [streetId],
    )) as { building_id: string; unit: string; room: string }[];
    return new Set(rows.map((r) => `${r.building_id}|${r.unit}|${r.room}`));
  }

  /** The street's buildings by name and shelters by name: what an imported row names. */
  async placesOfStreet(streetId: string): Promise<{
    buildings: Map<string, { id: string; communityId: string; gridId: string }>;
    shelters: Map<string, string>;
  }> {
    const m = this.db.manager;
    const buildings = (await m.query(
      'SELECT id, name, community_id AS "communityId", grid_id AS "gridId" FROM building WHERE street_id = $1',
      [streetId],
    )) as { id: string; name: string; communityId: string; gridId: string }[];
    const shelters = (await m.query('SELECT id, name FROM shelter WHERE street_id = $1', [streetId])) as {
      id: string;
      name: string;
    }[];
    return {
      buildings: new Map(buildings.map((b) => [b.name, b])),
      shelters: new Map(shelters.map((s) => [s.name, s.id])),
    };
  }

  async insert(rows: Partial<FloodHouseholdEntity>[]): Promise<string[]> {
    const m = this.db.manager;
    const saved = await mapConstraints(() =>
      m.save(
        FloodHouseholdEntity,
        rows.map((r) => m.create(FloodHouseholdEntity, r)),
        { chunk: 500 },
      ),
    );
    return saved.map((r) => r.id);
  }

  /** Versioned update; a stale version answers 409 with the current row as `present` shows it. */
  async update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<FloodHouseholdEntity>,
    present: (r: RegisterRow) => unknown,
  ): Promise<RegisterRow> {
    try {
      await mapConstraints(() =>
        updateVersioned(this.db.manager, FloodHouseholdEntity, id, version, patch, () => null),
      );
    } catch (e) {
      if (e instanceof ApiException && e.code === 'errors.conflict') {
        throw versionConflict(present((await this.findById(id))!));
      }
      throw e;
    }
    return (await this.findById(id))!;
  }

  async delete(id: string): Promise<void> {
    await mapConstraints(() => this.db.manager.delete(FloodHouseholdEntity, { id }));
  }
}

/** Still referenced (a task) → 409 in_use; the same household or room twice → 409 duplicate. */
async function mapConstraints<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const code = e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined;
    if (code && STILL_REFERENCED.includes(code)) throw new ApiException(409, 'errors.in_use');
    if (code === '23505') throw new ApiException(409, 'errors.duplicate');
    throw e;
  }
}
