import { hazardWorkflow, SEVERITY_LABELS } from '@gridboard/shared';
import { SEVERITY_COLORS } from '@/components/inspections/hazard-tags';
import { currentLocale, i18n } from '@/i18n';
import { useHazardsStore } from '@/stores/hazards';
import type { MapLayerDef } from '../types';
import { mountCircleMarkers } from './circle-markers';

/**
 * Hazards not yet struck off (动态清零: the map should empty out), over their sites; overdue ones in a
 * black ring. Drawn after the sites layer, so a click on a site with hazards picks the hazard.
 */
export const hazardsLayer: MapLayerDef = {
  id: 'hazards',
  label: 'map.layer.hazards',
  defaultVisible: true,
  mount(ctx) {
    const store = useHazardsStore();
    void store.ensureLoaded();
    const { t } = i18n.global;
    return mountCircleMarkers(ctx, {
      kind: 'hazard',
      items: () => store.pending,
      key: (h) => h,
      style: (h, selected) => ({
        radius: selected ? 8 : 4,
        color: h.overdue ? '#000000' : '#ffffff',
        weight: h.overdue ? 2.5 : 1,
        fillColor: SEVERITY_COLORS[h.severity],
        fillOpacity: 1,
      }),
      tooltip: (h) => {
        const locale = currentLocale();
        return [
          `${h.number} · ${hazardWorkflow.stateLabels[h.state][locale]}`,
          h.siteName,
          h.description,
          `${SEVERITY_LABELS[h.severity][locale]}${h.overdue ? ` · ${t('hazards.overdue')}` : ''}`,
        ];
      },
    });
  },
};
