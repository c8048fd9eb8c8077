import type { Area } from '@gridboard/shared';
import L from 'leaflet';

/** GeoJSON [lng, lat] rings → Leaflet lat/lng rings (a MultiPolygon becomes nested rings). */
export function areaLatLngs(area: Area): L.LatLng[][] | L.LatLng[][][] {
  return area.type === 'Polygon'
    ? (L.GeoJSON.coordsToLatLngs(area.coordinates, 1) as L.LatLng[][])
    : (L.GeoJSON.coordsToLatLngs(area.coordinates, 2) as L.LatLng[][][]);
}
