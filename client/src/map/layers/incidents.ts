import type { BoardIncident } from '@gridboard/shared';
import L from 'leaflet';
import { ref, watch } from 'vue';
import { i18n } from '@/i18n';
import { useBoardIncidentsStore } from '@/stores/board-incidents';
import { coalesce, LIVE_PANEL_MS } from '@/stores/per-frame';
import { labelOf, severityLabel, stateLabel } from '../board-labels';
import { textContent } from '../dom';
import { FlatMarker } from '../flat-position';
import { IncidentClusters } from '../incident-clusters';
import { incidentStyle, SEVERITY_BY_RANK, SEVERITY_COLORS } from '../incident-style';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';
import './incidents.css';

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

/** At most one index rebuild per this many ms (the first at once). */
const REBUILD_EVERY_MS = 500;
/** Rings (the flash of a new or changed incident) shown at once. */
const MAX_RINGS = 8;
/** A ring turns pale after this long, and goes after RING_MS. */
const RING_PALE_MS = 1000;
const RING_MS = 2000;

const clusterSize = (count: number) => Math.round(26 + Math.min(24, Math.log10(count) * 10));

/** The cluster's disc: its count, the colour of its most severe incident, a dark rim when any is overdue. */
function paintCluster(el: HTMLElement, count: number, props: ClusterProps): void {
  el.className = `gb-cluster${props.overdue ? ' gb-cluster--overdue' : ''}`;
  el.style.background = SEVERITY_COLORS[SEVERITY_BY_RANK[props.rank]!];
  el.textContent = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
}

function clusterIcon(count: number, props: ClusterProps): L.DivIcon {
  const el = document.createElement('div');
  paintCluster(el, count, props);
  const size = clusterSize(count);
  el.style.width = el.style.height = `${size}px`;
  return L.divIcon({ html: el, className: 'gb-cluster-icon', iconSize: [size, size] });
}

/**
 * A cluster that changed keeps its marker, repainted and moved, while its size holds: during a
 * burst most redraws only add one to a few clusters, and replacing each marker (DOM, events, layer
 * group) was the largest part of the script of a re-render.
 */
function repaintCluster(layer: L.Layer, d: Drawn): boolean {
  const marker = layer as L.Marker;
  const el = marker.getElement()?.firstElementChild;
  if (d.kind !== 'cluster' || !(el instanceof HTMLElement)) return false;
  if (el.style.width !== `${clusterSize(d.count)}px`) return false;
  paintCluster(el, d.count, d.props);
  marker.setLatLng([d.lat, d.lng]);
  return true;
}

/**
 * Incidents as canvas circle markers by severity and state, clustered with supercluster (in a
 * worker) when zoomed out. Only what is in view is drawn; a burst of live changes rebuilds the
 * index at most every REBUILD_EVERY_MS.
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
    const index = new IncidentClusters();
    /** Supercluster's ids of the clusters drawn (by key): they change with every rebuild. */
    const clusterIds = new Map<string, number>();

    const keyed = new KeyedLayers<Drawn>(
      group,
      (d) => ({ id: d.key, version: d.version }),
      (d) => {
        if (d.kind === 'cluster') {
          const marker = new FlatMarker([d.lat, d.lng], { icon: clusterIcon(d.count, d.props), keyboard: false });
          marker.on(
            'click',
            () =>
              void index
                .expansionZoom(clusterIds.get(d.key)!)
                .then((zoom) => map.setView(marker.getLatLng(), zoom ?? map.getZoom() + 2)),
          );
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
      repaintCluster,
    );

    /** Draws what is in view at this zoom: clusters and single incidents (the latest answer wins). */
    let drawing = 0;
    async function draw(): Promise<void> {
      if (!map.hasLayer(group)) return;
      const call = ++drawing;
      const b = map.getBounds().pad(0.2);
      const zoom = Math.round(map.getZoom());
      const view = await index.view([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
      if (call !== drawing || !map.hasLayer(group)) return;
      const sel = selectedId();
      let count = 0;
      clusterIds.clear();
      const items: Drawn[] = [];
      for (const v of view) {
        if (v.kind === 'cluster') {
          count += v.count;
          // Keyed by the point it grew from, not id (ids change with every rebuild): a rebuild
          // after a live incident repaints and moves the clusters it joined, and keeps the others.
          const key = `c${zoom}:${v.origin}`;
          clusterIds.set(key, v.id);
          items.push({
            kind: 'cluster',
            key,
            // Changes with the count, the severity, an overdue member and the place.
            version: (v.count * 8 + v.rank) * 2 + Math.min(1, v.overdue) + v.lat + 3 * v.lng,
            lat: v.lat,
            lng: v.lng,
            count: v.count,
            props: { rank: v.rank, overdue: v.overdue },
          });
          continue;
        }
        // The marker as it is now: it may have changed since the index was built.
        const incident = store.byId.get(v.incident.id) ?? v.incident;
        count += 1;
        // The selected marker is rebuilt (negative version) to take its highlighted style.
        items.push({
          kind: 'point',
          key: incident.id,
          version: incident.id === sel ? -incident.version : incident.version,
          incident,
        });
      }
      shown = { items, count };
      // The first view goes on the map at once: the panels' clock may have just run, and waiting
      // for its next turn held the first draw back by up to LIVE_PANEL_MS (board benchmark).
      if (drawn.value === 0) {
        show.cancel();
        showNow();
      } else show();
    }
    /** The latest view, put on the map with the live panels (one page commit, not two). */
    let shown: { items: Drawn[]; count: number } | null = null;
    const showNow = () => {
      if (!shown) return;
      keyed.sync(shown.items);
      drawn.value = shown.count;
      shown = null;
    };
    const show = coalesce(showNow, LIVE_PANEL_MS);

    /** Incidents in the index (or on their way to it). */
    let indexed = 0;
    async function rebuild(list: readonly BoardIncident[]): Promise<void> {
      indexed = list.length;
      await index.load(list);
      await draw();
    }

    // A burst of live events must not rebuild the index over every incident once per event. The
    // first incidents to arrive are indexed at once: the page mounts before the snapshot is in, and
    // the empty index's rebuild made the snapshot's wait for the next REBUILD_EVERY_MS turn.
    const schedule = coalesce(() => void rebuild(store.visible), REBUILD_EVERY_MS);
    const stop = watch(
      () => store.visible,
      (list) => {
        if (indexed > 0) return schedule();
        schedule.cancel();
        void rebuild(list);
      },
      { immediate: true },
    );
    const redraw = () => void draw();
    const stopSelection = watch(selectedId, redraw);
    /**
     * A new or changed incident rings once where it is: bright, pale after RING_PALE_MS, gone after
     * RING_MS. During a burst at most MAX_RINGS ring at a time: each is a DOM marker, and hundreds
     * of them cost frames, not attention. Rings change with the live panels (`fade`), so a burst's
     * rings do not add page commits of their own.
     */
    const rings: { marker: L.Marker; el: HTMLElement; born: number }[] = [];
    const fade = coalesce(() => {
      const now = performance.now();
      for (let n = rings.length - 1; n >= 0; n--) {
        const ring = rings[n]!;
        if (now - ring.born >= RING_MS) {
          ring.marker.remove();
          rings.splice(n, 1);
        } else if (now - ring.born >= RING_PALE_MS) ring.el.classList.add('gb-flash--pale');
      }
    }, LIVE_PANEL_MS);
    const stopFlash = watch(
      () => store.changed,
      (ids) => {
        if (!map.hasLayer(group)) return;
        for (const id of ids) {
          const i = store.byId.get(id);
          if (!i || i.lat === null || i.lng === null || rings.length >= MAX_RINGS) continue;
          const el = document.createElement('div');
          el.className = 'gb-flash';
          const marker = new FlatMarker([i.lat, i.lng], {
            icon: L.divIcon({ html: el, className: 'gb-flash-icon', iconSize: [40, 40] }),
            interactive: false,
          }).addTo(map);
          rings.push({ marker, el, born: performance.now() });
          setTimeout(fade, RING_PALE_MS);
          setTimeout(fade, RING_MS);
        }
      },
    );
    map.on('moveend', redraw);
    group.on('add', redraw);
    return {
      layer: group,
      drawn,
      dispose: () => {
        schedule.cancel();
        show.cancel();
        fade.cancel();
        map.off('moveend', redraw);
        index.dispose();
        stop();
        stopSelection();
        stopFlash();
      },
    };
  },
};
