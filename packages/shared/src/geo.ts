import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import { point } from '@turf/helpers';
import gcoord from 'gcoord';
import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';

/** A WGS84 position as [lng, lat] (GeoJSON order). */
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    message: '多边形须闭合（首点与末点相同） / ring must be closed (first position equals last)',
  });
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
export const areaSchema = z.union([polygonSchema, multiPolygonSchema]);
export type Area = z.infer<typeof areaSchema>;

export const latSchema = z.number().min(-90).max(90);
export const lngSchema = z.number().min(-180).max(180);
export const latLngSchema = z.object({ lat: latSchema, lng: lngSchema });
export type LatLng = z.infer<typeof latLngSchema>;

/** Inside or on the boundary; holes are outside. */
export function pointInArea(p: LatLng, area: Area): boolean {
  return booleanPointInPolygon(point([p.lng, p.lat]), area as Polygon | MultiPolygon);
}

/** The first area containing the point, e.g. the grid of a building. */
export function findContaining<T extends { area: Area }>(p: LatLng, candidates: readonly T[]): T | undefined {
  return candidates.find((c) => pointInArea(p, c.area));
}

export function distanceMeters(a: LatLng, b: LatLng): number {
  return distance(point([a.lng, a.lat]), point([b.lng, b.lat]), { units: 'meters' });
}

export function nearest<T extends LatLng>(p: LatLng, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distanceMeters(p, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** [minLng, minLat, maxLng, maxLat] */
export function areaBounds(area: Area): [number, number, number, number] {
  return bbox(area as Polygon | MultiPolygon) as [number, number, number, number];
}

/** GCJ-02 ("Mars coordinates") for AMap/Gaode tiles: data stays WGS84, only display positions shift. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lng };
}
