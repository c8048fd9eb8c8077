import { INCIDENT_PENDING_STATES, type IncidentState } from '@gridboard/shared';
import L from 'leaflet';
import { ref, watch } from 'vue';
import { useBoardIncidentsStore } from '@/stores/board-incidents';
import { useGeoStore } from '@/stores/geo';
import { coalesce } from '@/stores/per-frame';
import { areaLatLngs } from '../geometry';
import { PANES } from '../panes';
import type { MapLayerDef } from '../types';

const PENDING: ReadonlySet<IncidentState> = new Set(INCIDENT_PENDING_STATES);
/** Shades from a few open items to many; the darkest step is reached at this share of the busiest grid. */
export const SHADES = ['#fee2e2', '#fecaca', '#fca5a5', '#f87171', '#ef4444'];

/**
 * Open incidents per grid, counting only the markers the filters let through (all 10,000, a few
 * times a second during a burst: an indexed loop allocates no iterator results).
 */
export function openByGrid(incidents: readonly { gridId: string; state: IncidentState }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k < incidents.length; k++) {
    const i = incidents[k]!;
    if (PENDING.has(i.state)) counts.set(i.gridId, (counts.get(i.gridId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Grids shaded by their open incidents (a heat view of where work waits), under the grid outlines
 * and not clickable. In SVG of their own, not on the features' canvas: a burst of new incidents
 * moves some grid to another shade every second or so, and on the canvas that redrew the grids,
 * buildings and markers under it, 20 ms of the main thread in one frame (board benchmark traces);
 * a path's new fill is rastered off the main thread.
 */
export const gridLoadLayer: MapLayerDef = {
  id: 'gridLoad',
  label: 'map.layer.gridLoad',
  defaultVisible: true,
  mount() {
    const geo = useGeoStore();
    const store = useBoardIncidentsStore();
    const group = L.layerGroup();
    const drawn = ref(0);

    /** The shaded polygon of each grid with open incidents, kept and restyled as counts change. */
    const shaded = new Map<string, { polygon: L.Polygon; shade: string }>();

    /**
     * Shades from the counts; only grids whose shade changed touch the canvas, so a live incident
     * that does not move its grid to another step redraws nothing.
     */
    function draw(): void {
      const counts = openByGrid(store.visible);
      const max = Math.max(1, ...counts.values());
      const live = new Set<string>();
      for (const g of geo.grids) {
        const id = g.properties.id;
        const n = counts.get(id) ?? 0;
        if (!n) continue;
        live.add(id);
        const shade = SHADES[Math.min(SHADES.length - 1, Math.floor((n / max) * SHADES.length))]!;
        const held = shaded.get(id);
        if (held?.shade === shade) continue;
        if (held) {
          held.polygon.setStyle({ fillColor: shade });
          held.shade = shade;
          continue;
        }
        const polygon = L.polygon(areaLatLngs(g.geometry), {
          pane: PANES.gridLoad,
          interactive: false,
          stroke: false,
          fillColor: shade,
          fillOpacity: 0.55,
        });
        group.addLayer(polygon);
        shaded.set(id, { polygon, shade });
      }
      for (const [id, held] of shaded) {
        if (live.has(id)) continue;
        group.removeLayer(held.polygon);
        shaded.delete(id);
      }
      drawn.value = shaded.size;
    }
    const schedule = coalesce(draw);
    const stop = watch(() => store.visible, schedule, { immediate: true });
    // New grid geometry (an edited area) is drawn anew.
    const stopGrids = watch(
      () => geo.grids,
      () => {
        group.clearLayers();
        shaded.clear();
        schedule();
      },
    );
    return {
      layer: group,
      drawn,
      dispose: () => {
        schedule.cancel();
        stop();
        stopGrids();
      },
    };
  },
};
