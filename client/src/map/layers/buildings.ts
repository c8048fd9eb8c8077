import L from 'leaflet';
import { watch } from 'vue';
import { i18n } from '@/i18n';
import { type BuildingFeature, useGeoStore } from '@/stores/geo';
import { textContent } from '../dom';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

const NORMAL = { radius: 4, color: '#ffffff', weight: 1, fillColor: '#334155' };
/** Smaller dots when zoomed out, so a district's thousands of buildings do not bury the grids. */
const radiusAt = (zoom: number) => (zoom >= 16 ? 5 : zoom >= 15 ? 4 : zoom >= 14 ? 3 : 2);
const SELECTED = { radius: 8, color: '#ffffff', weight: 2, fillColor: '#ea580c' };

/** Buildings as canvas circle markers: thousands stay smooth; hover names them, click opens the drawer. */
export const buildingsLayer: MapLayerDef = {
  id: 'buildings',
  label: 'map.layer.buildings',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const geo = useGeoStore();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const selectedId = () => (selected.value?.kind === 'building' ? selected.value.id : null);
    const styleOf = (id: string) => (id === selectedId() ? SELECTED : { ...NORMAL, radius: radiusAt(map.getZoom()) });
    const restyle = (id: string | null) => {
      const marker = id ? (keyed.get(id) as L.CircleMarker | undefined) : undefined;
      if (!marker || !id) return;
      marker.setStyle(styleOf(id)).setRadius(styleOf(id).radius);
      if (id === selectedId()) marker.bringToFront();
    };

    const keyed = new KeyedLayers<BuildingFeature>(
      group,
      (f) => f.properties,
      (f) => {
        // The entrance point, also for buildings whose geometry is a footprint.
        const { lat, lng } = f.properties;
        const marker = L.circleMarker([lat, lng], {
          renderer,
          pane: PANES.features,
          fillOpacity: 0.9,
          ...styleOf(f.properties.id),
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

    const resize = () => {
      for (const marker of group.getLayers() as L.CircleMarker[]) marker.setRadius(radiusAt(map.getZoom()));
      restyle(selectedId());
    };
    map.on('zoomend', resize);
    const stop = watch(
      () => geo.buildings,
      (buildings) => keyed.sync(buildings),
      { immediate: true },
    );
    const stopSelection = watch(selectedId, (id, before) => {
      restyle(before ?? null);
      restyle(id);
    });
    return {
      layer: group,
      drawn: keyed.drawn,
      dispose: () => {
        map.off('zoomend', resize);
        stop();
        stopSelection();
      },
    };
  },
};
