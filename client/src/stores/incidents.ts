import {
  type Incident,
  type IncidentCategory,
  type IncidentDetail,
  type IncidentState,
  type IncidentStep,
  incidentWorkflow,
  type Label,
} from '@gridboard/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { type ApiRequestError, asApiError } from '@/api/http';
import { type IncidentFilters, incidentsApi } from '@/api/incidents';
import { setStreetStateLabels } from '@/map/board-labels';
import { realtime } from '@/realtime';
import { detailCache, follow, upsert } from './live';
import { useSessionStore } from './session';

/** The queue holds at most this many items (a street's open work fits; older ones are searched). */
export const QUEUE_LIMIT = 500;
const COUNTS_DEBOUNCE_MS = 400;

/** Whether an incident belongs in a list read with these filters (the server's rules, for live events). */
export function matchesFilters(i: Incident, f: IncidentFilters, userId: string | null): boolean {
  if (f.state?.length && !f.state.includes(i.state)) return false;
  if (f.category?.length && !f.category.includes(i.category)) return false;
  if (f.severity?.length && !f.severity.includes(i.severity)) return false;
  if (f.gridId && i.gridId !== f.gridId) return false;
  if (f.departmentId && !i.targets.departmentIds.includes(f.departmentId)) return false;
  if (f.overdue !== undefined && i.overdue !== f.overdue) return false;
  if (f.mine && i.reportedById !== userId && i.ownerId !== userId) return false;
  const q = f.q?.trim().toLowerCase();
  if (q) {
    const text = [i.number, i.title, i.description, i.address, i.hotlineTicket ?? ''].join('\n').toLowerCase();
    if (!text.includes(q)) return false;
  }
  return true;
}

/**
 * 事件/工单: the duty queue (one filtered list), counts by state, and the details views have open,
 * all kept current by `incident.*` events. A department keeps only what is sent to it: the event of
 * a redispatch or a return also reaches the department the item was taken from, which drops it.
 */
export const useIncidentsStore = defineStore('incidents', () => {
  const session = useSessionStore();
  const filters = shallowRef<IncidentFilters>({});
  const items = shallowRef<Incident[]>([]);
  const total = ref(0);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = shallowRef<ApiRequestError | null>(null);
  const counts = shallowRef<{ byState: Record<string, number>; overdue: number } | null>(null);
  const categories = shallowRef<IncidentCategory[]>([]);
  const stateLabels = shallowRef<Record<IncidentState, Label>>({ ...incidentWorkflow.stateLabels });
  const open = detailCache<Incident, IncidentStep>(incidentsApi.get);

  const feed = realtime.feed({
    on: {
      'incident.created': (e) => apply(e.payload.incident, e.payload.step),
      'incident.changed': (e) => apply(e.payload.incident, e.payload.step),
      'incident.overdue': (e) => apply(e.payload.incident, e.payload.step),
      'incident.config_changed': () => void loadConfig(),
    },
    onStale: () => void reload(),
  });

  /** A department sees an item only while it is dispatched to it. */
  function mine(i: Incident): boolean {
    const scope = session.user?.scope;
    return scope?.kind !== 'department' || i.targets.departmentIds.includes(scope.departmentId);
  }

  function apply(i: Incident, step: IncidentStep): void {
    open.apply(i, step);
    if (status.value !== 'idle') {
      const held = items.value.some((x) => x.id === i.id);
      if (mine(i) && matchesFilters(i, filters.value, session.user?.id ?? null)) {
        if (!held) total.value += 1;
        items.value = upsert(items.value, i);
      } else if (held) {
        items.value = items.value.filter((x) => x.id !== i.id);
        total.value = Math.max(0, total.value - 1);
      }
    }
    scheduleCounts();
  }

  let loadSeq = 0;
  /** Reads the queue with these filters, then follows the stream from the seq it was read at. */
  async function load(next: IncidentFilters = filters.value): Promise<void> {
    const ticket = ++loadSeq;
    filters.value = next;
    status.value = 'loading';
    error.value = null;
    try {
      const page = await incidentsApi.list(next, { limit: QUEUE_LIMIT, offset: 0 });
      if (ticket !== loadSeq) return;
      items.value = page.items.filter(mine);
      total.value = page.total;
      status.value = 'ready';
      follow(feed, page.seq);
    } catch (e) {
      if (ticket !== loadSeq) return;
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleCounts(): void {
    if (!counts.value) return;
    clearTimeout(countsTimer);
    countsTimer = setTimeout(() => void loadCounts(), COUNTS_DEBOUNCE_MS);
  }

  /** Counts by state and overdue; also positions the feed for views that read no list (a detail page). */
  async function loadCounts(): Promise<void> {
    const c = await incidentsApi.counts();
    counts.value = { byState: c.byState, overdue: c.overdue };
    follow(feed, c.seq);
  }

  async function loadConfig(): Promise<void> {
    const [cats, labels] = await Promise.all([incidentsApi.categories(), incidentsApi.stateLabels()]);
    categories.value = cats.filter((c) => c.active).sort((a, b) => a.sort - b.sort);
    stateLabels.value = labels as Record<IncidentState, Label>;
    setStreetStateLabels(stateLabels.value);
  }

  let configLoading: Promise<void> | null = null;
  /** Categories and the street's state labels, once (reloaded when an admin changes them). */
  function ensureConfig(): Promise<void> {
    configLoading ??= loadConfig().catch((e: unknown) => {
      configLoading = null;
      throw e;
    });
    return configLoading;
  }

  async function reload(): Promise<void> {
    const views: Promise<unknown>[] = [...open.details.keys()].map((id) => open.load(id));
    if (status.value !== 'idle') views.push(load());
    if (counts.value) views.push(loadCounts());
    await Promise.allSettled(views);
  }

  /** Opens one item (with its timeline) and keeps it current until `close`. */
  async function openDetail(id: string): Promise<void> {
    if (feed.cursor === null) await loadCounts();
    await open.retain(id);
  }

  /** An answer of the server (an action's result, a 409's current state) replaces what is held. */
  function put(i: Incident, step?: IncidentStep): void {
    if (step) apply(i, step);
    else open.put(i);
  }

  function categoryLabel(code: string, locale: string): string {
    const c = categories.value.find((x) => x.code === code);
    return c ? c.label[locale as keyof Label] : code;
  }

  return {
    filters,
    items,
    total,
    status,
    error,
    counts,
    categories,
    stateLabels,
    details: open.details as ReadonlyMap<string, IncidentDetail>,
    load,
    loadCounts,
    ensureConfig,
    loadConfig,
    openDetail,
    closeDetail: open.release,
    refreshDetail: open.load,
    put,
    categoryLabel,
  };
});
