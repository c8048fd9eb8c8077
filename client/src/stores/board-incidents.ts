import type { BoardIncident, Incident, IncidentState, Whistle } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef } from 'vue';
import { boardApi } from '@/api/board';
import { type ApiRequestError, asApiError } from '@/api/http';
import { realtime } from '@/realtime';
import { coalesce, LIVE_PANEL_MS } from './per-frame';

export type TimeWindow = 'all' | 'today' | '24h' | '7d' | '30d';
export interface IncidentFilters {
  category: string;
  states: IncidentState[];
  gridId: string;
  time: TimeWindow;
}

const HOUR = 3600_000;
const WINDOW_MS: Record<Exclude<TimeWindow, 'all' | 'today'>, number> = {
  '24h': 24 * HOUR,
  '7d': 168 * HOUR,
  '30d': 720 * HOUR,
};

/** Midnight in Asia/Shanghai of the day `now` falls in. */
function shanghaiMidnight(now: number): number {
  const local = now + 8 * HOUR;
  return local - (local % (24 * HOUR)) - 8 * HOUR;
}

export function toMarker(i: Incident): BoardIncident {
  return {
    id: i.id,
    version: i.version,
    number: i.number,
    gridId: i.gridId,
    buildingId: i.buildingId,
    lat: i.lat,
    lng: i.lng,
    address: i.address,
    category: i.category,
    severity: i.severity,
    state: i.state,
    title: i.title,
    overdue: i.overdue,
    reportedAt: i.reportedAt,
    drillId: i.drillId,
  };
}

/**
 * The map's incidents and open whistles: a compact snapshot (`/api/board/incidents`, 10,000 markers
 * in one answer) kept current by `incident.*` and `whistle.*` events, plus the board's filters.
 * Markers live in a Map mutated in place at once (in seq order) and announced at an animation frame
 * at most every LIVE_PANEL_MS, so a burst of live events costs a few redraws a second, not a copy of
 * 10,000 rows per event.
 */
export const useBoardIncidentsStore = defineStore('board-incidents', () => {
  const byId = shallowRef(new Map<string, BoardIncident>());
  const whistles = shallowRef(new Map<string, Whistle>());
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<ApiRequestError | null>(null);
  const filters = reactive<IncidentFilters>({ category: '', states: [], gridId: '', time: 'all' });
  /** The ids of the incidents that arrived or changed since the last announcement, for the layer to flash. */
  const changed = shallowRef<readonly string[]>([]);
  let arrived: string[] = [];
  const announce = coalesce(() => {
    changed.value = arrived;
    arrived = [];
    triggerRef(byId);
  }, LIVE_PANEL_MS);

  function upsert(i: Incident): void {
    const held = byId.value.get(i.id);
    if (held && held.version > i.version) return;
    byId.value.set(i.id, toMarker(i));
    arrived.push(i.id);
    announce();
  }

  function upsertWhistle(w: Whistle): void {
    const held = whistles.value.get(w.id);
    if (held && held.version > w.version) return;
    // A new Map: there are tens of open whistles, and the layer watches the Map itself.
    const next = new Map(whistles.value);
    if (w.state === 'open') next.set(w.id, w);
    else next.delete(w.id);
    whistles.value = next;
  }

  const feed = realtime.feed({
    on: {
      'incident.created': (e) => upsert(e.payload.incident),
      'incident.changed': (e) => upsert(e.payload.incident),
      'incident.overdue': (e) => upsert(e.payload.incident),
      'whistle.blown': (e) => upsertWhistle(e.payload.whistle),
      'whistle.changed': (e) => upsertWhistle(e.payload.whistle),
      'whistle.summons_overdue': (e) => upsertWhistle(e.payload.whistle),
      'whistle.overdue': (e) => upsertWhistle(e.payload.whistle),
    },
    onStale: () => void load(),
  });

  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= fetchAll().finally(() => (loading = null));
    return loading;
  }

  async function fetchAll(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const [incidents, open] = await Promise.all([boardApi.incidents(), boardApi.openWhistles()]);
      byId.value = new Map(incidents.items.map((i) => [i.id, i]));
      whistles.value = new Map(open.items.map((w) => [w.id, w]));
      status.value = 'ready';
      feed.resume(Math.min(incidents.seq, open.seq));
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  /** Whether a marker passes the filters; `now` fixes the time window for one pass. */
  function matcher(now: number): (i: BoardIncident) => boolean {
    const { category, states, gridId, time } = filters;
    const from = time === 'all' ? 0 : time === 'today' ? shanghaiMidnight(now) : now - WINDOW_MS[time];
    const stateSet = new Set(states);
    return (i) =>
      (!category || i.category === category) &&
      (stateSet.size === 0 || stateSet.has(i.state)) &&
      (!gridId || i.gridId === gridId) &&
      (from === 0 || Date.parse(i.reportedAt) >= from);
  }

  /**
   * The markers the filters let through. Recomputed at every announcement (a few times a second
   * during a burst) over all 10,000: it allocates only the answer, the largest share of what a
   * burst allocated on the page (board benchmark heap samples) when it was built by a loop.
   */
  const visible = computed(() => {
    const { category, states, gridId, time } = filters;
    if (!category && states.length === 0 && !gridId && time === 'all') return [...byId.value.values()];
    const keep = matcher(Date.now());
    const out: BoardIncident[] = [];
    byId.value.forEach((i) => void (keep(i) && out.push(i)));
    return out;
  });

  /** Incidents by number, title or address (the search box), best first. */
  function search(text: string, limit = 8): BoardIncident[] {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    const hits: BoardIncident[] = [];
    for (const i of byId.value.values()) {
      if (
        i.number.toLowerCase().includes(q) ||
        i.title.toLowerCase().includes(q) ||
        i.address.toLowerCase().includes(q)
      )
        hits.push(i);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  return { byId, whistles, status, error, filters, visible, changed, load, search };
});
