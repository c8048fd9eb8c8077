import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { findRowById, rowsOf } from '../db/rows';
import { BuildingEntity } from '../geo/building.entity';
import { DepartmentEntity } from '../geo/department.entity';
import { GridEntity } from '../geo/grid.entity';
import { SiteEntity } from '../geo/site.entity';

/**
 * Reads of the geo registry that incidents need: which grid holds a point, which departments exist.
 * Those of every report are fixed statements (rows.ts), not TypeORM's built queries.
 */
@Injectable()
export class LocationRepository {
  constructor(private readonly db: Db) {}

  /** Grids whose bounding box holds the point; the caller tests the polygons. */
  gridsAround(lat: number, lng: number): Promise<GridEntity[]> {
    return rowsOf(
      this.db.manager,
      GridEntity,
      'grids_around',
      'SELECT * FROM grid WHERE min_lat <= $1 AND max_lat >= $1 AND min_lng <= $2 AND max_lng >= $2 ORDER BY code',
      [lat, lng],
    );
  }

  grid(id: string): Promise<GridEntity | null> {
    return findRowById(this.db.manager, GridEntity, id);
  }

  gridsByCode(streetId: string, codes: string[]): Promise<GridEntity[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(GridEntity, 'g')
      .where('g.street_id = :streetId AND g.code = ANY(:codes)', { streetId, codes })
      .getMany();
  }

  building(id: string): Promise<BuildingEntity | null> {
    return findRowById(this.db.manager, BuildingEntity, id);
  }

  site(id: string): Promise<SiteEntity | null> {
    return findRowById(this.db.manager, SiteEntity, id);
  }

  /** The grid's buildings within a box of ±`deg` degrees around the point (the caller measures). */
  buildingsNear(gridId: string, lat: number, lng: number, deg: number): Promise<BuildingEntity[]> {
    return rowsOf(
      this.db.manager,
      BuildingEntity,
      'buildings_near',
      'SELECT * FROM building WHERE grid_id = $1 AND lat BETWEEN $2 AND $3 AND lng BETWEEN $4 AND $5',
      [gridId, lat - deg, lat + deg, lng - deg, lng + deg],
    );
  }

  departments(ids: string[]): Promise<DepartmentEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager.createQueryBuilder(DepartmentEntity, 'd').where('d.id = ANY(:ids)', { ids }).getMany();
  }
}
