import { Injectable } from '@nestjs/common';
import { findContaining, type LatLng } from '@gridboard/shared';
import { ApiException } from '../common/errors';
import { GeoLinksRepository } from './geo-links.repository';
import type { GridEntity } from './grid.entity';

/** 400 `errors.outside_area`, naming the coordinates (and the row, on imports). */
export function outsideArea(p: LatLng, prefix = ''): ApiException {
  const where = `(${p.lat}, ${p.lng})`;
  const message = `位置 ${where} 不在任何网格内 / location ${where} is not inside any grid`;
  return new ApiException(400, 'errors.outside_area', {
    errors: [
      { field: `${prefix}lat`, code: 'outside_area', message },
      { field: `${prefix}lng`, code: 'outside_area', message },
    ],
  });
}

/** Point-in-polygon over the grids (packages/shared geo.ts): which grid a building, site or shelter is in. */
@Injectable()
export class GridLocator {
  constructor(private readonly links: GeoLinksRepository) {}

  /** The grid containing the point, among the street's grids (every street's for district-wide users). */
  async locate(streetId: string | null, p: LatLng): Promise<GridEntity | undefined> {
    return findContaining(p, await this.links.gridsAround(streetId, p));
  }

  /** For bulk work: loads the street's grids once and answers in memory, bounding boxes first. */
  async index(streetId: string): Promise<(p: LatLng) => GridEntity | undefined> {
    const grids = await this.links.gridsOfStreet(streetId);
    return (p) =>
      findContaining(
        p,
        grids.filter((g) => g.minLat <= p.lat && p.lat <= g.maxLat && g.minLng <= p.lng && p.lng <= g.maxLng),
      );
  }
}
