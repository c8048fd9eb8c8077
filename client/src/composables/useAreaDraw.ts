import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import type { Area } from '@gridboard/shared';
import L from 'leaflet';
import { onBeforeUnmount, ref, type ShallowRef, shallowRef, watch } from 'vue';

type Ring = [number, number][];

/**
 * 划定预警区域: polygons drawn on a Leaflet map with leaflet-geoman (click the corners, then the first
 * corner again). Several polygons make a MultiPolygon; the server tests buildings against it.
 */
export function useAreaDraw(map: ShallowRef<L.Map | null>) {
  const drawing = ref(false);
  const area = shallowRef<Area | null>(null);
  const group = L.featureGroup();
  const polygons: Ring[][] = [];

  function onCreate(e: { layer: L.Layer }): void {
    const layer = e.layer as L.Polygon;
    layer.setStyle({ color: '#dc2626', weight: 2, fillOpacity: 0.12, dashArray: '6 4' });
    map.value?.removeLayer(layer);
    group.addLayer(layer);
    const geometry = layer.toGeoJSON().geometry;
    if (geometry.type === 'Polygon') polygons.push(geometry.coordinates as Ring[]);
    area.value =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons.slice() };
    drawing.value = false;
  }

  watch(
    map,
    (m, before) => {
      before?.off('pm:create', onCreate);
      if (!m) return;
      group.addTo(m);
      m.on('pm:create', onCreate);
    },
    { immediate: true },
  );

  function start(): void {
    const m = map.value;
    if (!m) return;
    m.pm.enableDraw('Polygon', {
      snappable: false,
      templineStyle: { color: '#dc2626' },
      hintlineStyle: { color: '#dc2626', dashArray: [5, 5] },
      pathOptions: { color: '#dc2626' },
    });
    drawing.value = true;
  }

  function cancel(): void {
    map.value?.pm.disableDraw();
    drawing.value = false;
  }

  function clear(): void {
    cancel();
    group.clearLayers();
    polygons.length = 0;
    area.value = null;
  }

  onBeforeUnmount(() => {
    map.value?.off('pm:create', onCreate);
    map.value?.pm.disableDraw();
  });

  return { area, drawing, start, cancel, clear };
}
