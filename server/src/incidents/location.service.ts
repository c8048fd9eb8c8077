import { Injectable } from '@nestjs/common';
import { findContaining, type IncidentLocationInput } from '@gridboard/shared';
import { invalid, invalidField } from '../common/errors';
import type { GridEntity } from '../geo/grid.entity';
import { LocationRepository } from './location.repository';

export interface ResolvedLocation {
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId: string | null;
  siteId: string | null;
  lat: number | null;
  lng: number | null;
  address: string;
}

/**
 * Pins an incident to the registry (一标三实): an explicit grid, or the grid containing the map
 * point. Every incident ends up with a street, community and grid, which decide who sees it.
 */
@Injectable()
export class LocationService {
  constructor(private readonly geo: LocationRepository) {}

  async resolve(loc: IncidentLocationInput, field = 'location'): Promise<ResolvedLocation> {
    let grid: GridEntity | null | undefined;
    if (loc.gridId) {
      grid = await this.geo.grid(loc.gridId);
      if (!grid) throw invalidField(`${field}.gridId`, 'not_found', '未找到该网格 / No such grid');
    } else if (loc.lat !== null && loc.lng !== null) {
      const p = { lat: loc.lat, lng: loc.lng };
      grid = findContaining(p, await this.geo.gridsAround(p.lat, p.lng));
      if (!grid) {
        throw invalid(
          [{ field, code: 'outside_area', message: '位置不在任何网格内 / The location is not inside any grid' }],
          'errors.outside_area',
        );
      }
    } else {
      throw invalidField(
        field,
        'unresolvable',
        '请提供网格或地图位置 / Give a grid or a map point (lat/lng) for this location',
      );
    }
    return {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      buildingId: loc.buildingId,
      siteId: loc.siteId,
      lat: loc.lat,
      lng: loc.lng,
      address: loc.address,
    };
  }
}
