import { Inject, Injectable } from '@nestjs/common';
import type { MapConfig } from '@gridboard/shared';
import { APP_CONFIG, type AppConfig } from '../config/config';

const TIANDITU = (layer: string, key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
  `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

/** The basemap as configured (MAP_TILES …): validated at start-up, so this only shapes it. */
@Injectable()
export class MapConfigService {
  private readonly config: MapConfig;

  constructor(@Inject(APP_CONFIG) app: AppConfig) {
    this.config = build(app.map);
  }

  get(): MapConfig {
    return this.config;
  }
}

function build(m: AppConfig['map']): MapConfig {
  switch (m.tiles) {
    case 'vector':
      return { kind: 'vector', tiles: [], subdomains: '', attribution: '', maxZoom: 19, crs: 'wgs84' };
    case 'tianditu':
      // 天地图 is CGCS2000, within centimetres of WGS84: no shift. Streets (vec) under their labels (cva).
      return {
        kind: 'tianditu',
        tiles: [TIANDITU('vec', m.tiandituKey!), TIANDITU('cva', m.tiandituKey!)],
        subdomains: '01234567',
        attribution: '© 天地图',
        maxZoom: 18,
        crs: 'wgs84',
      };
    case 'osm':
      return {
        kind: 'osm',
        tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
        subdomains: '',
        attribution: '© OpenStreetMap contributors',
        maxZoom: 19,
        crs: 'wgs84',
      };
    case 'amap':
      return {
        kind: 'amap',
        tiles: ['https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}'],
        subdomains: '1234',
        attribution: '© 高德地图',
        maxZoom: 18,
        crs: 'gcj02',
      };
    case 'custom':
      return {
        kind: 'custom',
        tiles: [m.tileUrl!],
        subdomains: m.tileSubdomains,
        attribution: m.tileAttribution,
        maxZoom: 19,
        crs: m.tileCrs,
      };
  }
}
