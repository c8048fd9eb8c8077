import { Injectable } from '@nestjs/common';
import type { Area, BasemapFeature } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Db } from '../db/db';
import {
  BASEMAP,
  BUILDING,
  COMMUNITY,
  COMPOUND,
  GRID,
  type RegistryKind,
  type RegistryRow,
  SHELTER,
  SITE,
} from './registry-kinds';
import { type RegistryFilter, RegistryRepository } from './registry.repository';

type Geometry = Area | BasemapFeature['geometry'] | { type: 'Point'; coordinates: [number, number] } | null;
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, unknown>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  /** the event position the layer was read at: apply `geo.changed` events after it */
  seq: number;
  features: Feature[];
}

const point = (d: { lat: number; lng: number }) => ({
  type: 'Point' as const,
  coordinates: [d.lng, d.lat] as [number, number],
});

/** How each layer draws: its geometry, and the masked DTO minus that geometry as properties. */
const LAYERS = {
  communities: { kind: COMMUNITY, geometry: (d: { area: Area | null }) => d.area, omit: 'area' },
  grids: { kind: GRID, geometry: (d: { area: Area }) => d.area, omit: 'area' },
  compounds: { kind: COMPOUND, geometry: (d: { area: Area | null }) => d.area, omit: 'area' },
  // a footprint when the registry has one, else the entrance point
  buildings: {
    kind: BUILDING,
    geometry: (d: { footprint: Area | null; lat: number; lng: number }) => d.footprint ?? point(d),
    omit: 'footprint',
  },
  sites: { kind: SITE, geometry: point, omit: null },
  shelters: { kind: SHELTER, geometry: point, omit: null },
  basemap: { kind: BASEMAP, geometry: (d: { geometry: BasemapFeature['geometry'] }) => d.geometry, omit: 'geometry' },
} as const;
export type GeoJsonLayer = keyof typeof LAYERS;

/** The map's data source: one scoped FeatureCollection per layer, filtered like the lists, never paged. */
@Injectable()
export class GeoJsonService {
  constructor(
    private readonly db: Db,
    private readonly repo: RegistryRepository,
  ) {}

  async layer(actor: Actor, layer: GeoJsonLayer, filter: RegistryFilter): Promise<FeatureCollection> {
    const spec = LAYERS[layer];
    const kind = spec.kind as unknown as RegistryKind<RegistryRow, Record<string, unknown>>;
    const geometry = spec.geometry as (d: Record<string, unknown>) => Geometry;
    const { limit: _l, offset: _o, ...rest } = filter;
    const { result, seq } = await this.db.snapshot(() => this.repo.list(kind, actor.scope, rest));
    const features = result.rows.map((row): Feature => {
      const properties = kind.dto(row);
      const g = geometry(properties);
      if (spec.omit) delete properties[spec.omit];
      return { type: 'Feature', id: row.id, geometry: g, properties };
    });
    return { type: 'FeatureCollection', seq, features };
  }
}
