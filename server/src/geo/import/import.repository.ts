import { Injectable } from '@nestjs/common';
import { Db } from '../../db/db';
import { BuildingEntity } from '../building.entity';
import { bulkInsert } from '../bulk-insert';
import { CommunityEntity } from '../community.entity';
import { CompoundEntity } from '../compound.entity';
import { GridEntity } from '../grid.entity';
import { HouseholdEntity } from '../household.entity';
import { PersonEntity } from '../person.entity';

/** The lookups an import resolves its rows against (one street at a time), and its bulk writes. */
@Injectable()
export class ImportRepository {
  constructor(private readonly db: Db) {}

  communities(streetId: string): Promise<CommunityEntity[]> {
    return this.db.manager.findBy(CommunityEntity, { streetId });
  }

  grids(streetId: string): Promise<GridEntity[]> {
    return this.db.manager.findBy(GridEntity, { streetId });
  }

  compounds(streetId: string): Promise<CompoundEntity[]> {
    return this.db.manager.findBy(CompoundEntity, { streetId });
  }

  buildings(streetId: string): Promise<Pick<BuildingEntity, 'id' | 'name' | 'streetId' | 'communityId' | 'gridId'>[]> {
    return this.db.manager.find(BuildingEntity, {
      where: { streetId },
      select: { id: true, name: true, streetId: true, communityId: true, gridId: true },
    });
  }

  households(
    streetId: string,
  ): Promise<Pick<HouseholdEntity, 'id' | 'buildingId' | 'unit' | 'room' | 'streetId' | 'communityId' | 'gridId'>[]> {
    return this.db.manager.find(HouseholdEntity, {
      where: { streetId },
      select: { id: true, buildingId: true, unit: true, room: true, streetId: true, communityId: true, gridId: true },
    });
  }

  async idNumbers(streetId: string): Promise<Set<string>> {
    const rows = await this.db.manager
      .createQueryBuilder(PersonEntity, 'p')
      .select('p.idNumber', 'idNumber')
      .where('p.streetId = :streetId AND p.idNumber IS NOT NULL', { streetId })
      .getRawMany<{ idNumber: string }>();
    return new Set(rows.map((r) => r.idNumber));
  }

  insert(
    table: 'grid' | 'compound' | 'building' | 'household' | 'person' | 'site',
    rows: readonly object[],
  ): Promise<void> {
    return bulkInsert(this.db.manager, table, rows);
  }

  /** Derived counters after a bulk import: households per building and grid, persons per household. */
  async recount(streetId: string): Promise<void> {
    const m = this.db.manager;
    await m.query(
      `UPDATE household h SET person_count = (SELECT count(*) FROM person p WHERE p.household_id = h.id) WHERE h.street_id = $1`,
      [streetId],
    );
    await m.query(
      `UPDATE building b SET households = (SELECT count(*) FROM household h WHERE h.building_id = b.id) WHERE b.street_id = $1`,
      [streetId],
    );
    await m.query(
      `UPDATE grid g SET households = (SELECT count(*) FROM household h WHERE h.grid_id = g.id) WHERE g.street_id = $1`,
      [streetId],
    );
  }
}
