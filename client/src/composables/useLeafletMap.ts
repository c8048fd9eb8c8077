import L from 'leaflet';
import { onBeforeUnmount, onMounted, type Ref, shallowRef } from 'vue';
import { createPanes } from '@/map/panes';

/**
 * A Leaflet map on an element, kept in a shallowRef (Leaflet objects must not become reactive) and
 * removed on unmount. No tile layer: the street's own vector layers are the basemap.
 */
export function useLeafletMap(el: Ref<HTMLElement | null>, options: L.MapOptions = {}) {
  const map = shallowRef<L.Map | null>(null);

  onMounted(() => {
    if (!el.value) return;
    const m = L.map(el.value, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 11,
      maxZoom: 19,
      ...options,
    });
    L.control.zoom({ position: 'bottomright' }).addTo(m);
    L.control.scale({ position: 'bottomleft', imperial: false }).addTo(m);
    createPanes(m);
    map.value = m;
  });

  onBeforeUnmount(() => {
    map.value?.remove();
    map.value = null;
  });

  return map;
}
