import { type Hazard, hazardWorkflow, SEVERITY_LABELS } from '@gridboard/shared';
import L from 'leaflet';
import { watch } from 'vue';
import { SEVERITY_COLORS } from '@/components/inspections/hazard-tags';
import { currentLocale, i18n } from '@/i18n';
import { useHazardsStore } from '@/stores/hazards';
import { textContent } from '../dom';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

/**
 * Hazards not yet struck off (动态清零: the map should empty out), over their sites; overdue ones in a
 * black ring. Drawn after the sites layer, so a click on a site with hazards picks the hazard.
 */
export const hazardsLayer: MapLayerDef = {
  id: 'hazards',
  label: 'map.layer.hazards',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const store = useHazardsStore();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const selectedId = () => (selected.value?.kind === 'hazard' ? selected.value.id : null);

    const keyed = new KeyedLayers<Hazard>(
      group,
      (h) => ({ id: h.id, version: h.version * 2 + (h.id === selectedId() ? 1 : 0) }),
      (h) => {
        const marker = L.circleMarker([h.lat, h.lng], {
          renderer,
          pane: PANES.features,
          radius: h.id === selectedId() ? 8 : 4,
          color: h.overdue ? '#000000' : '#ffffff',
          weight: h.overdue ? 2.5 : 1,
          fillColor: SEVERITY_COLORS[h.severity],
          fillOpacity: 1,
        });
        marker.bindTooltip(
          () => {
            const locale = currentLocale();
            return textContent([
              `${h.number} · ${hazardWorkflow.stateLabels[h.state][locale]}`,
              h.siteName,
              h.description,
              `${SEVERITY_LABELS[h.severity][locale]}${h.overdue ? ` · ${t('hazards.overdue')}` : ''}`,
            ]);
          },
          { direction: 'top', offset: [0, -6] },
        );
        marker.on('click', () => select({ kind: 'hazard', id: h.id }));
        return marker;
      },
    );
    const stop = watch(
      () => store.pending,
      (list) => keyed.sync(list),
      { immediate: true },
    );
    const stopSelection = watch(selectedId, () => keyed.sync(store.pending));
    void store.ensureLoaded();
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
