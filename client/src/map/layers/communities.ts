import L from 'leaflet';
import { ref, watch } from 'vue';
import { useGeoStore } from '@/stores/geo';
import { areaLatLngs } from '../geometry';
import { communityColors, UNKNOWN_COLOR } from '../palette';
import { PANES } from '../panes';
import type { MapLayerDef } from '../types';

/** Community boundaries: dashed outlines under the grids, not clickable. */
export const communitiesLayer: MapLayerDef = {
  id: 'communities',
  label: 'map.layer.communities',
  defaultVisible: true,
  mount() {
    const geo = useGeoStore();
    const group = L.layerGroup();
    const drawn = ref(0);
    const stop = watch(
      () => geo.communities,
      (communities) => {
        group.clearLayers();
        const colors = communityColors(communities.map((c) => c.properties));
        for (const f of communities) {
          if (!f.geometry) continue; // no boundary drawn for it yet
          L.polygon(areaLatLngs(f.geometry), {
            pane: PANES.communities,
            interactive: false,
            fill: false,
            color: colors.get(f.properties.id) ?? UNKNOWN_COLOR,
            weight: 3,
            opacity: 0.7,
            dashArray: '8 6',
          }).addTo(group);
        }
        drawn.value = group.getLayers().length;
      },
      { immediate: true },
    );
    return { layer: group, drawn, dispose: stop };
  },
};
