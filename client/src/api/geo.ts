import {
  areaSchema,
  BASEMAP_KINDS,
  buildingSchema,
  communitySchema,
  gridSchema,
  latSchema,
  lngSchema,
} from '@gridboard/shared';
import { z } from 'zod';
import { request } from './http';

/*
 * Map layers: GeoJSON FeatureCollections at /api/geo/<layer>.geojson whose properties are the
 * registry DTOs (packages/shared/src/geo-registry.ts) without their geometry, and whose `seq` is the
 * event position the layer was read at (snapshot + stream). Never paged.
 */
const position = z.tuple([lngSchema, latSchema]);
const pointSchema = z.object({ type: z.literal('Point'), coordinates: position });
const lineSchema = z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) });
const multiLineSchema = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(position).min(2)).min(1),
});

function featureCollection<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        geometry,
        properties,
      }),
    ),
    seq: z.number().int(),
  });
}

export const communityPropsSchema = communitySchema.omit({ area: true });
export const gridPropsSchema = gridSchema.omit({ area: true });
/** A building's geometry is its footprint when the registry has one, else its entrance point; lat/lng stay. */
export const buildingPropsSchema = buildingSchema.omit({ footprint: true });
export const basemapPropsSchema = z.object({ kind: z.enum(BASEMAP_KINDS), name: z.string().nullable().optional() });

/** A community may have no drawn boundary yet. */
export const communitiesLayerSchema = featureCollection(areaSchema.nullable(), communityPropsSchema);
export const gridsLayerSchema = featureCollection(areaSchema, gridPropsSchema);
export const buildingsLayerSchema = featureCollection(z.union([pointSchema, areaSchema]), buildingPropsSchema);
export const basemapLayerSchema = featureCollection(
  z.union([lineSchema, multiLineSchema, areaSchema]),
  basemapPropsSchema,
);

export type CommunityProps = z.infer<typeof communityPropsSchema>;
export type GridProps = z.infer<typeof gridPropsSchema>;
export type BuildingProps = z.infer<typeof buildingPropsSchema>;
export type BasemapProps = z.infer<typeof basemapPropsSchema>;
export type CommunitiesLayer = z.infer<typeof communitiesLayerSchema>;
export type GridsLayer = z.infer<typeof gridsLayerSchema>;
export type BuildingsLayer = z.infer<typeof buildingsLayerSchema>;
export type BasemapLayer = z.infer<typeof basemapLayerSchema>;

export const geoApi = {
  communities: (signal?: AbortSignal) =>
    request('/api/geo/communities.geojson', { schema: communitiesLayerSchema, signal }),
  grids: (signal?: AbortSignal) => request('/api/geo/grids.geojson', { schema: gridsLayerSchema, signal }),
  buildings: (signal?: AbortSignal) => request('/api/geo/buildings.geojson', { schema: buildingsLayerSchema, signal }),
  basemap: (signal?: AbortSignal) => request('/api/geo/basemap.geojson', { schema: basemapLayerSchema, signal }),
  grid: (id: string) => request(`/api/geo/grids/${encodeURIComponent(id)}`, { schema: gridSchema }),
  building: (id: string) => request(`/api/geo/buildings/${encodeURIComponent(id)}`, { schema: buildingSchema }),
};
