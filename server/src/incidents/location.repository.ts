import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { BuildingEntity } from '../geo/building.entity';
import { DepartmentEntity } from '../geo/department.entity';
import { GridEntity } from '../geo/grid.entity';
import { SiteEntity } from '../geo/site.entity';

/** Reads of the geo registry that incidents need: which grid holds a point, which departments exist. */
@Injectable()
export class LocationRepository {
  constructor(private readonly db: Db) {}

  /** Grids whose bounding box holds the point; the caller tests the polygons. */
  gridsAround(lat: number, lng: number): Promise<GridEntity[]> {
    return this.db.manager
      .createQueryBuilder(GridEntity, 'g')
      .where('g.min_lat <= :lat AND g.max_lat >= :lat AND g.min_lng <= :lng AND g.max_lng >= :lng', { lat, lng })
      .orderBy('g.code', 'ASC')
      .getMany();
  }

  grid(id: string): Promise<GridEntity | null> {
    return this.db.manager.findOneBy(GridEntity, { id });
  }

  gridsByCode(streetId: string, codes: string[]): Promise<GridEntity[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(GridEntity, 'g')
      .where('g.street_id = :streetId AND g.code = ANY(:codes)', { streetId, codes })
      .getMany();
  }

  building(id: string): Promise<BuildingEntity | null> {
    return this.db.manager.findOneBy(BuildingEntity, { id });
  }

  site(id: string): Promise<SiteEntity | null> {
    return this.db.manager.findOneBy(SiteEntity, { id });
  }

  /** The grid's buildings within a box of ±`deg` degrees around the point (the caller measures). */
  buildingsNear(gridId: string, lat: number, lng: number, deg: number): Promise<BuildingEntity[]> {
    return this.db.manager
      .createQueryBuilder(BuildingEntity, 'b')
      .where('b.grid_id = :gridId', { gridId })
      .andWhere('b.lat BETWEEN :lat0 AND :lat1 AND b.lng BETWEEN :lng0 AND :lng1', {
        lat0: lat - deg,
        lat1: lat + deg,
        lng0: lng - deg,
        lng1: lng + deg,
      })
      .getMany();
  }

  departments(ids: string[]): Promise<DepartmentEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager.createQueryBuilder(DepartmentEntity, 'd').where('d.id = ANY(:ids)', { ids }).getMany();
  }
}
