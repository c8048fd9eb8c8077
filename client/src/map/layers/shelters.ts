import type { Shelter } from '@gridboard/shared';
import L from 'leaflet';
import { watch } from 'vue';
import { i18n } from '@/i18n';
import { useShelterStore } from '@/stores/shelters';
import { textContent } from '../dom';
import { occupancyColor } from '../flood-colors';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

/** 避险安置点 with their live occupancy: green with room, amber nearly full, red over capacity. */
export const sheltersLayer: MapLayerDef = {
  id: 'shelters',
  label: 'flood.layer.shelters',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const store = useShelterStore();
    void store.ensure();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const selectedId = () => (selected.value?.kind === 'shelter' ? selected.value.id : null);
    const style = (s: Shelter) => ({
      radius: s.id === selectedId() ? 14 : 10,
      color: '#0f172a',
      weight: s.id === selectedId() ? 3 : 2,
      fillColor: occupancyColor(s.occupancy, s.capacity),
      fillOpacity: 0.85,
    });

    const keyed = new KeyedLayers<Shelter>(
      group,
      (s) => s,
      (s) => {
        const marker = L.circleMarker([s.lat, s.lng], { renderer, pane: PANES.features, ...style(s) });
        marker.bindTooltip(
          () =>
            textContent([
              s.name,
              t('flood.occupancyOf', { occupancy: s.occupancy, capacity: s.capacity }),
              ...(s.occupancy > s.capacity ? [t('flood.overCapacity')] : []),
            ]),
          { direction: 'top', offset: [0, -8] },
        );
        marker.on('click', () => select({ kind: 'shelter', id: s.id }));
        return marker;
      },
    );
    const restyle = (id: string | null) => {
      const s = id ? store.byId.get(id) : undefined;
      const marker = id ? (keyed.get(id) as L.CircleMarker | undefined) : undefined;
      if (!s || !marker) return;
      marker.setStyle(style(s)).setRadius(style(s).radius);
      if (id === selectedId()) marker.bringToFront();
    };
    const stop = watch(
      () => store.shelters,
      (shelters) => keyed.sync(shelters),
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
        stop();
        stopSelection();
      },
    };
  },
};
