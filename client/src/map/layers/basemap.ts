import L from 'leaflet';
import { ref, watch } from 'vue';
import type { BasemapProps } from '@/api/geo';
import { type BasemapFeature, useGeoStore } from '@/stores/geo';
import { PANES } from '../panes';
import type { MapLayerDef } from '../types';

/** A paper-map look without any tile server: blocks, parks, the river and roads from the street's own data. */
const STYLE: Record<BasemapProps['kind'], L.PathOptions> = {
  block: { color: '#d6d3cd', weight: 1, fillColor: '#ebe8e2', fillOpacity: 1 },
  park: { color: '#bcd8b0', weight: 1, fillColor: '#d5ebcb', fillOpacity: 1 },
  river: { color: '#8fb8de', weight: 6, fillColor: '#a9cbea', fillOpacity: 1, lineCap: 'round' },
  road: { color: '#ffffff', weight: 5, lineCap: 'round', lineJoin: 'round' },
};
/** Roads get a grey casing drawn underneath. */
const ROAD_CASING: L.PathOptions = { color: '#c2bdb4', weight: 7, lineCap: 'round', lineJoin: 'round' };
const ORDER: BasemapProps['kind'][] = ['block', 'park', 'river', 'road'];

export const basemapLayer: MapLayerDef = {
  id: 'basemap',
  label: 'map.layer.basemap',
  defaultVisible: true,
  mount() {
    const geo = useGeoStore();
    const group = L.layerGroup();
    const drawn = ref(0);
    // SVG, not a canvas: the basemap does not change while the board is live, and Chromium copied
    // every map canvas at each page commit, a few times a second during a burst of live events
    // (1920×1200 pixels each, board benchmark traces); an unchanged SVG costs a commit nothing.
    const renderer = L.svg({ pane: PANES.basemap, padding: 0.1 });
    const draw = (f: BasemapFeature, style: L.PathOptions) =>
      L.geoJSON(f.geometry, { style: { ...style, interactive: false, renderer, pane: PANES.basemap } }).addTo(group);

    const stop = watch(
      () => geo.basemap,
      (features) => {
        group.clearLayers();
        const byKind = (kind: BasemapProps['kind']) => features.filter((f) => f.properties.kind === kind);
        for (const kind of ORDER) {
          if (kind === 'road') for (const f of byKind(kind)) draw(f, ROAD_CASING);
          for (const f of byKind(kind)) draw(f, STYLE[kind]);
        }
        drawn.value = features.length;
      },
      { immediate: true },
    );
    return { layer: group, drawn, dispose: stop };
  },
};
