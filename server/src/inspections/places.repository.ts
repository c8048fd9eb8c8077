import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { DepartmentEntity } from '../geo/department.entity';
import { GridEntity } from '../geo/grid.entity';
import { SiteEntity } from '../geo/site.entity';
import { StreetEntity } from '../geo/street.entity';

/** Reads of the geo registry that inspections need (sites, grids, departments of a street). */
@Injectable()
export class PlacesRepository {
  constructor(private readonly db: Db) {}

  async streetExists(id: string): Promise<boolean> {
    return (await this.db.manager.countBy(StreetEntity, { id })) > 0;
  }

  async streetName(id: string): Promise<string | null> {
    return (await this.db.manager.findOneBy(StreetEntity, { id }))?.name ?? null;
  }

  site(id: string): Promise<SiteEntity | null> {
    return this.db.manager.findOneBy(SiteEntity, { id });
  }

  /**
   * Locks the site row, after any campaign row and before any hazard row: changes to its status are
   * announced in commit order. NO KEY UPDATE, so rows referencing the site (key-share) do not wait.
   */
  async lockSite(id: string): Promise<void> {
    await this.db.manager.query('SELECT 1 FROM site WHERE id = $1 FOR NO KEY UPDATE', [id]);
  }

  departments(streetId: string, ids: readonly string[]): Promise<DepartmentEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(DepartmentEntity, 'd')
      .where('d.street_id = :streetId AND d.id = ANY(:ids)', { streetId, ids })
      .getMany();
  }

  /** Departments by id, whatever their street (names for display). */
  departmentNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager.query('SELECT id, name FROM department WHERE id = ANY($1) ORDER BY code', [ids]);
  }

  grids(streetId: string, ids: readonly string[]): Promise<GridEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(GridEntity, 'g')
      .select(['g.id', 'g.code', 'g.name'])
      .where('g.street_id = :streetId AND g.id = ANY(:ids)', { streetId, ids })
      .getMany();
  }
}
