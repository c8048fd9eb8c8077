import { i18n } from '@/i18n';
import { useShelterStore } from '@/stores/shelters';
import { occupancyColor } from '../flood-colors';
import type { MapLayerDef } from '../types';
import { mountCircleMarkers } from './circle-markers';

/** 避险安置点 with their live occupancy: green with room, amber nearly full, red over capacity. */
export const sheltersLayer: MapLayerDef = {
  id: 'shelters',
  label: 'flood.layer.shelters',
  defaultVisible: true,
  mount(ctx) {
    const store = useShelterStore();
    void store.ensure();
    const { t } = i18n.global;
    return mountCircleMarkers(ctx, {
      kind: 'shelter',
      items: () => store.shelters,
      key: (x) => x,
      style: (s, selected) => ({
        radius: selected ? 14 : 10,
        color: '#0f172a',
        weight: selected ? 3 : 2,
        fillColor: occupancyColor(s.occupancy, s.capacity),
        fillOpacity: 0.85,
      }),
      tooltip: (s) => [
        s.name,
        t('flood.occupancyOf', { occupancy: s.occupancy, capacity: s.capacity }),
        ...(s.occupancy > s.capacity ? [t('flood.overCapacity')] : []),
      ],
    });
  },
};
