import { Injectable } from '@nestjs/common';
import { distanceMeters, findContaining, type IncidentLocationInput, nearest } from '@gridboard/shared';
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

/** A map point is pinned to the nearest building of its grid within this distance, else to none. */
export const NEAREST_BUILDING_METERS = 150;
/** ≈ 150 m in degrees of latitude (and more than that of longitude this side of 60°): the search box. */
const SEARCH_DEG = 0.0015;

/**
 * Pins an incident to the registry (一标三实): a building or site (whose grid is known), an explicit
 * grid, or the grid containing the map point and the nearest building to it. Every incident ends
 * up with a street, community and grid, which decide who sees it.
 */
@Injectable()
export class LocationService {
  constructor(private readonly geo: LocationRepository) {}

  async resolve(loc: IncidentLocationInput, field = 'location'): Promise<ResolvedLocation> {
    const site = loc.siteId ? await this.geo.site(loc.siteId) : null;
    if (loc.siteId && !site) throw invalidField(`${field}.siteId`, 'not_found', '场所不存在 / No such site');
    const buildingId = loc.buildingId ?? site?.buildingId ?? null;
    const building = buildingId ? await this.geo.building(buildingId) : null;
    if (buildingId && !building)
      throw invalidField(`${field}.buildingId`, 'not_found', '楼栋不存在 / No such building');
    const place = site ?? building;
    if (site && building && site.streetId !== building.streetId) {
      throw invalidField(
        `${field}.siteId`,
        'other_street',
        '场所与楼栋不在同一街道 / Site and building are in different streets',
      );
    }

    let grid: GridEntity | null | undefined;
    if (place) {
      grid = await this.geo.grid(place.gridId);
      if (loc.gridId && loc.gridId !== place.gridId) {
        throw invalidField(
          `${field}.gridId`,
          'mismatch',
          '与楼栋/场所所在网格不符 / Not the grid of the building or site',
        );
      }
    } else if (loc.gridId) {
      grid = await this.geo.grid(loc.gridId);
      if (!grid) throw invalidField(`${field}.gridId`, 'not_found', '未找到该网格 / No such grid');
    } else if (loc.lat !== null && loc.lng !== null) {
      grid = findContaining({ lat: loc.lat, lng: loc.lng }, await this.geo.gridsAround(loc.lat, loc.lng));
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
        '请提供楼栋、场所、网格或地图位置 / Give a building, site, grid or map point',
      );
    }
    if (!grid) throw invalidField(`${field}.gridId`, 'not_found', '未找到该网格 / No such grid');

    const lat = loc.lat ?? place?.lat ?? null;
    const lng = loc.lng ?? place?.lng ?? null;
    const derived = !place && lat !== null && lng !== null ? await this.nearestBuilding(grid.id, lat, lng) : null;
    return {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      buildingId: building?.id ?? derived?.id ?? null,
      siteId: site?.id ?? null,
      lat,
      lng,
      address: loc.address || place?.address || derived?.address || '',
    };
  }

  /** The grid's building nearest to a map point, if one stands within NEAREST_BUILDING_METERS. */
  async nearestBuilding(gridId: string, lat: number, lng: number): Promise<{ id: string; address: string } | null> {
    const b = nearest({ lat, lng }, await this.geo.buildingsNear(gridId, lat, lng, SEARCH_DEG));
    return b && distanceMeters({ lat, lng }, b) <= NEAREST_BUILDING_METERS ? { id: b.id, address: b.address } : null;
  }
}
