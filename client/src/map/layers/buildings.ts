import L from 'leaflet';
import { watch } from 'vue';
import { i18n } from '@/i18n';
import { type BuildingFeature, useGeoStore } from '@/stores/geo';
import { textContent } from '../dom';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

/** Buildings as canvas circle markers: thousands stay smooth; hover names them, click opens the drawer. */
export const buildingsLayer: MapLayerDef = {
  id: 'buildings',
  label: 'map.layer.buildings',
  defaultVisible: true,
  mount({ map, select }) {
    const geo = useGeoStore();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;

    const keyed = new KeyedLayers<BuildingFeature>(
      group,
      (f) => f.properties,
      (f) => {
        // The entrance point, also for buildings whose geometry is a footprint.
        const { lat, lng } = f.properties;
        const marker = L.circleMarker([lat, lng], {
          renderer,
          pane: PANES.features,
          radius: 4,
          color: '#ffffff',
          weight: 1,
          fillColor: '#334155',
          fillOpacity: 0.9,
        });
        marker.bindTooltip(
          () => {
            const p = f.properties;
            return textContent([
              p.name,
              p.address,
              `${t('building.floors')} ${p.floors} · ${t('building.households')} ${p.households}`,
            ]);
          },
          { direction: 'top', offset: [0, -4] },
        );
        marker.on('click', () => select({ kind: 'building', id: f.properties.id }));
        return marker;
      },
    );

    const stop = watch(
      () => geo.buildings,
      (buildings) => keyed.sync(buildings),
      { immediate: true },
    );
    return { layer: group, drawn: keyed.drawn, dispose: stop };
  },
};
