import type { BoardIncident } from '@gridboard/shared';
import L from 'leaflet';
import Supercluster, { type PointFeature } from 'supercluster';
import { ref, watch } from 'vue';
import { i18n } from '@/i18n';
import { useBoardIncidentsStore } from '@/stores/board-incidents';
import { labelOf, severityLabel, stateLabel } from '../board-labels';
import { textContent } from '../dom';
import { incidentStyle, SEVERITY_BY_RANK, SEVERITY_COLORS, SEVERITY_RANK } from '../incident-style';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';
import './incidents.css';

interface PointProps {
  id: string;
  rank: number;
  overdue: number;
}
interface ClusterProps {
  rank: number;
  overdue: number;
}
type Drawn =
  | { kind: 'point'; key: string; version: number; incident: BoardIncident }
  | {
      kind: 'cluster';
      key: string;
      version: number;
      lat: number;
      lng: number;
      count: number;
      props: ClusterProps;
    };

/** Above this zoom every incident is drawn on its own; below, nearby ones merge into clusters. */
const CLUSTER_MAX_ZOOM = 16;
/** At most one index rebuild per this many ms (the first at once). */
const REBUILD_EVERY_MS = 500;

function clusterIcon(count: number, props: ClusterProps): L.DivIcon {
  const el = document.createElement('div');
  el.className = `gb-cluster${props.overdue ? ' gb-cluster--overdue' : ''}`;
  el.style.background = SEVERITY_COLORS[SEVERITY_BY_RANK[props.rank]!];
  el.textContent = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
  const size = Math.round(26 + Math.min(24, Math.log10(count) * 10));
  el.style.width = el.style.height = `${size}px`;
  return L.divIcon({ html: el, className: 'gb-cluster-icon', iconSize: [size, size] });
}

/**
 * Incidents as canvas circle markers by severity and state, clustered with supercluster when zoomed
 * out. Only what is in view is drawn; a burst of live changes rebuilds the index once per frame.
 */
export const incidentsLayer: MapLayerDef = {
  id: 'incidents',
  label: 'map.layer.incidents',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const store = useBoardIncidentsStore();
    const group = L.featureGroup();
    const renderer = canvasIn(map, PANES.features);
    const { t } = i18n.global;
    const drawn = ref(0);
    const selectedId = () => (selected.value?.kind === 'incident' ? selected.value.id : null);
    let index = new Supercluster<PointProps, ClusterProps>().load([]);
    /** Supercluster's ids of the clusters drawn (by key): they change with every rebuild. */
    const clusterIds = new Map<string, number>();
    let frame = 0;

    const keyed = new KeyedLayers<Drawn>(
      group,
      (d) => ({ id: d.key, version: d.version }),
      (d) => {
        if (d.kind === 'cluster') {
          const marker = L.marker([d.lat, d.lng], { icon: clusterIcon(d.count, d.props), keyboard: false });
          marker.on('click', () => map.setView([d.lat, d.lng], index.getClusterExpansionZoom(clusterIds.get(d.key)!)));
          return marker;
        }
        const i = d.incident;
        const marker = L.circleMarker([i.lat!, i.lng!], {
          renderer,
          pane: PANES.features,
          ...incidentStyle(i, i.id === selectedId()),
        });
        marker.bindTooltip(
          () =>
            textContent([
              `${i.number} ${i.title}`,
              i.address,
              `${labelOf(stateLabel(i.state))} · ${labelOf(severityLabel(i.severity))}${i.overdue ? ` · ${t('board.overdue')}` : ''}${i.drillId ? ` · ${t('board.drill')}` : ''}`,
            ]),
          { direction: 'top', offset: [0, -6] },
        );
        marker.on('click', () => select({ kind: 'incident', id: i.id }));
        return marker;
      },
    );

    /** Draws what is in view at this zoom: clusters and single incidents. */
    function draw(): void {
      if (!map.hasLayer(group)) return;
      const b = map.getBounds().pad(0.2);
      const zoom = Math.round(map.getZoom());
      const sel = selectedId();
      let count = 0;
      clusterIds.clear();
      const items: Drawn[] = index
        .getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)
        .map((f) => {
          const [lng, lat] = f.geometry.coordinates as [number, number];
          if ('cluster' in f.properties && f.properties.cluster) {
            const p = f.properties;
            count += p.point_count;
            // Keyed by place, not id (ids change with every rebuild): a rebuild after a live
            // incident replaces only the clusters it joined, not every cluster DOM marker in view.
            const key = `c${zoom}@${lat},${lng}`;
            clusterIds.set(key, p.cluster_id);
            return {
              kind: 'cluster',
              key,
              version: (p.point_count * 8 + p.rank) * 2 + Math.min(1, p.overdue),
              lat,
              lng,
              count: p.point_count,
              props: { rank: p.rank, overdue: p.overdue },
            };
          }
          const incident = store.byId.get((f.properties as PointProps).id)!;
          count += 1;
          // The selected marker is rebuilt (negative version) to take its highlighted style.
          return {
            kind: 'point',
            key: incident.id,
            version: incident.id === sel ? -incident.version : incident.version,
            incident,
          };
        });
      keyed.sync(items);
      drawn.value = count;
    }

    function rebuild(list: readonly BoardIncident[]): void {
      const points: PointFeature<PointProps>[] = [];
      for (const i of list) {
        if (i.lat === null || i.lng === null) continue;
        points.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [i.lng, i.lat] },
          properties: { id: i.id, rank: SEVERITY_RANK[i.severity], overdue: i.overdue ? 1 : 0 },
        });
      }
      index = new Supercluster<PointProps, ClusterProps>({
        radius: 56,
        maxZoom: CLUSTER_MAX_ZOOM,
        map: (p) => ({ rank: p.rank, overdue: p.overdue }),
        reduce: (acc, p) => {
          acc.rank = Math.max(acc.rank, p.rank);
          acc.overdue += p.overdue;
        },
      }).load(points);
      draw();
    }

    // A burst of live events must not rebuild the index over every incident once per event.
    let lastBuild = -REBUILD_EVERY_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (frame || timer) return;
      const build = () => {
        timer = undefined;
        frame = requestAnimationFrame(() => {
          frame = 0;
          lastBuild = performance.now();
          rebuild(store.visible);
        });
      };
      const wait = lastBuild + REBUILD_EVERY_MS - performance.now();
      if (wait > 0) timer = setTimeout(build, wait);
      else build();
    };
    const stop = watch(() => store.visible, schedule, { immediate: true });
    const stopSelection = watch(selectedId, draw);
    /** A new or changed incident rings once where it is. */
    const stopFlash = watch(
      () => store.changed,
      (ids) => {
        if (!map.hasLayer(group)) return;
        for (const id of ids) {
          const i = store.byId.get(id);
          if (!i || i.lat === null || i.lng === null) continue;
          const el = document.createElement('div');
          el.className = 'gb-flash';
          const flash = L.marker([i.lat, i.lng], {
            icon: L.divIcon({ html: el, className: 'gb-flash-icon', iconSize: [40, 40] }),
            interactive: false,
          }).addTo(map);
          setTimeout(() => flash.remove(), 2000);
        }
      },
    );
    map.on('moveend', draw);
    group.on('add', draw);
    return {
      layer: group,
      drawn,
      dispose: () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        map.off('moveend', draw);
        stop();
        stopSelection();
        stopFlash();
      },
    };
  },
};
