import { Injectable } from '@nestjs/common';
import type { LatLng } from '@gridboard/shared';
import { Db } from '../db/db';
import { BuildingEntity } from './building.entity';
import { GridEntity } from './grid.entity';
import { ShelterEntity } from './shelter.entity';
import { StreetEntity } from './street.entity';

/** Tables denormalise their street/community/grid ids for scoping; these keep them consistent. */
const BELOW_GRID = ['compound', 'building', 'household', 'person', 'site', 'shelter'] as const;

/** SQL that links registry rows: grid lookup by location, cascades of moves, derived counters. */
@Injectable()
export class GeoLinksRepository {
  constructor(private readonly db: Db) {}

  streetExists(id: string): Promise<boolean> {
    return this.db.manager.existsBy(StreetEntity, { id });
  }

  /** Grids whose bounding box holds the point: the candidates for point-in-polygon. */
  gridsAround(streetId: string | null, p: LatLng): Promise<GridEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(GridEntity, 'g')
      .where('g.minLat <= :lat AND g.maxLat >= :lat AND g.minLng <= :lng AND g.maxLng >= :lng', p)
      .orderBy('g.code');
    if (streetId) qb.andWhere('g.streetId = :streetId', { streetId });
    return qb.getMany();
  }

  gridsOfStreet(streetId: string): Promise<GridEntity[]> {
    return this.db.manager.find(GridEntity, { where: { streetId }, order: { code: 'ASC' } });
  }

  /** A grid moved to another community: everything in it follows. */
  async moveGridContents(gridId: string, communityId: string): Promise<void> {
    for (const table of BELOW_GRID) {
      await this.db.manager.query(`UPDATE "${table}" SET community_id = $2 WHERE grid_id = $1`, [gridId, communityId]);
    }
  }

  /** A building moved to another grid: its households and persons follow. */
  async moveBuildingContents(b: BuildingEntity): Promise<void> {
    for (const table of ['household', 'person']) {
      await this.db.manager.query(
        `UPDATE "${table}" SET street_id = $2, community_id = $3, grid_id = $4 WHERE building_id = $1`,
        [b.id, b.streetId, b.communityId, b.gridId],
      );
    }
  }

  /** A household moved to another building: its persons follow. */
  async moveHouseholdContents(householdId: string, b: BuildingEntity): Promise<void> {
    await this.db.manager.query(
      'UPDATE person SET street_id = $2, community_id = $3, grid_id = $4, building_id = $5 WHERE household_id = $1',
      [householdId, b.streetId, b.communityId, b.gridId, b.id],
    );
  }

  /** Registered households per building and per grid, and persons per household, are derived counts. */
  async recountHouseholds(buildingIds: readonly string[], gridIds: readonly string[]): Promise<void> {
    const m = this.db.manager;
    if (buildingIds.length) {
      await m.query(
        `UPDATE building b SET households = (SELECT count(*) FROM household h WHERE h.building_id = b.id)
         WHERE b.id = ANY($1::uuid[])`,
        [buildingIds],
      );
    }
    if (gridIds.length) {
      await m.query(
        `UPDATE grid g SET households = (SELECT count(*) FROM household h WHERE h.grid_id = g.id)
         WHERE g.id = ANY($1::uuid[])`,
        [gridIds],
      );
    }
  }

  /** Whether another person of the street already has this ID number (one resident, one record). */
  async idNumberTaken(streetId: string, idNumber: string, exceptPersonId: string | null): Promise<boolean> {
    const rows = (await this.db.manager.query(
      'SELECT 1 FROM person WHERE street_id = $1 AND id_number = $2 AND id IS DISTINCT FROM $3 LIMIT 1',
      [streetId, idNumber, exceptPersonId],
    )) as unknown[];
    return rows.length > 0;
  }

  async recountPersons(householdIds: readonly string[]): Promise<void> {
    if (!householdIds.length) return;
    await this.db.manager.query(
      `UPDATE household h SET person_count = (SELECT count(*) FROM person p WHERE p.household_id = h.id)
       WHERE h.id = ANY($1::uuid[])`,
      [householdIds],
    );
  }

  /** Shelter occupancy is a counter: one atomic UPDATE, so simultaneous check-ins never lose a person. */
  async adjustOccupancy(shelterId: string, delta: number): Promise<ShelterEntity | null> {
    await this.db.manager.query('UPDATE shelter SET occupancy = occupancy + $2 WHERE id = $1', [shelterId, delta]);
    return this.db.manager.findOneBy(ShelterEntity, { id: shelterId });
  }
}
