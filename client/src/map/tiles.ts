import type { MapConfig } from '@gridboard/shared';
import gcoord from 'gcoord';
import L from 'leaflet';

/**
 * Web Mercator of GCJ-02: features stay WGS84 everywhere (API, stores, layers) and are shifted only
 * when projected, so they sit right on AMap tiles, which are drawn in China's shifted datum.
 */
const gcj02Projection: L.Projection = {
  ...L.Projection.SphericalMercator,
  project(latlng) {
    const [lng, lat] = gcoord.transform([latlng.lng, latlng.lat], gcoord.WGS84, gcoord.GCJ02);
    return L.Projection.SphericalMercator.project(L.latLng(lat, lng));
  },
  unproject(point) {
    const g = L.Projection.SphericalMercator.unproject(point);
    const [lng, lat] = gcoord.transform([g.lng, g.lat], gcoord.GCJ02, gcoord.WGS84);
    return L.latLng(lat, lng);
  },
};
export const GCJ02_CRS: L.CRS = L.Util.extend({}, L.CRS.EPSG3857, { projection: gcj02Projection }) as L.CRS;

/**
 * Puts the configured raster tiles under the street's vector layers (tile pane). With AMap tiles the
 * map's projection becomes GCJ-02 and the view is reset so every layer reprojects.
 */
export function addTiles(map: L.Map, config: MapConfig): L.Layer[] {
  if (config.kind === 'vector' || config.tiles.length === 0) return [];
  if (config.crs === 'gcj02' && map.options.crs !== GCJ02_CRS) {
    const center = map.getCenter();
    const zoom = map.getZoom();
    map.options.crs = GCJ02_CRS;
    map.setView(center, zoom, { animate: false, reset: true } as L.ZoomPanOptions);
  }
  return config.tiles.map((url) =>
    L.tileLayer(url, {
      subdomains: config.subdomains || 'abc',
      maxZoom: config.maxZoom,
      attribution: config.attribution,
    }).addTo(map),
  );
}
