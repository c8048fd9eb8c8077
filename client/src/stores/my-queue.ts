import {
  allowedActions,
  type Incident,
  type IncidentState,
  INCIDENT_STATES,
  incidentWorkflow,
  type Role,
  type SessionUser,
} from '@gridboard/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { type ApiRequestError, asApiError } from '@/api/http';
import { incidentsApi } from '@/api/incidents';
import { availableActions } from '@/components/incidents/actions';
import { realtime } from '@/realtime';
import { follow, fresher } from './live';
import { coalesce, LIVE_PANEL_MS } from './per-frame';
import { useSessionStore } from './session';

/** The panel shows the most urgent; a few more are held so that one done does not empty it. */
export const MY_QUEUE_LIMIT = 30;
/** Oversight and corrections are possible on almost anything open: they do not put an item in my queue. */
const NOT_WAITING = new Set(['supervise', 'redispatch', 'reopen']);

/** Whether the item waits for a step only this user's role and position can take. */
export function waitsFor(i: Incident, user: SessionUser): boolean {
  return availableActions(i, user).some((t) => !NOT_WAITING.has(t.action));
}
/** The states in which a step of the role could be waiting; conditions (owner, assigned) are per item. */
function waitingStates(role: Role): IncidentState[] {
  return INCIDENT_STATES.filter((s) =>
    allowedActions(incidentWorkflow, s, role).some((t) => !NOT_WAITING.has(t.action)),
  );
}

/**
 * The nearest deadline first; overdue ones are the nearest. Items without a deadline last. Each
 * deadline is parsed once per sort, not once per comparison: a burst grows the queue by hundreds.
 */
function byUrgency(list: readonly Incident[]): Incident[] {
  return list
    .map((i) => ({ i, due: i.deadline ? Date.parse(i.deadline) : Infinity }))
    .sort((a, b) => a.due - b.due || a.i.reportedAt.localeCompare(b.i.reportedAt))
    .map((x) => x.i);
}

/**
 * 我的待办 on the board: the incidents waiting for a step of mine (受理, 派单, 处置, 办结, 回访,
 * 销号), the most urgent first, kept current by the stream.
 */
export const useMyQueueStore = defineStore('my-queue', () => {
  const session = useSessionStore();
  const items = shallowRef<Incident[]>([]);
  const total = ref(0);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = shallowRef<ApiRequestError | null>(null);

  const feed = realtime.feed({
    on: {
      'incident.created': (e) => apply(e.payload.incident),
      'incident.changed': (e) => apply(e.payload.incident),
      'incident.overdue': (e) => apply(e.payload.incident),
    },
    onStale: () => void load(),
  });

  /**
   * The queue with the live changes not yet shown, sorted when shown: a burst re-renders the panel a
   * few times a second, and copies and sorts it as often (not once per event).
   */
  let pending: { items: Incident[]; total: number } | null = null;
  const show = coalesce(() => {
    if (!pending) return;
    items.value = byUrgency(pending.items);
    total.value = pending.total;
    pending = null;
  }, LIVE_PANEL_MS);

  function apply(i: Incident): void {
    const user = session.user;
    if (status.value !== 'ready' || !user) return;
    const at = (pending?.items ?? items.value).findIndex((x) => x.id === i.id);
    const waits = waitsFor(i, user);
    if (!waits && at < 0) return;
    // One copy of the queue per showing, changed in place by each event until then.
    pending ??= { items: items.value.slice(), total: total.value };
    if (!waits) {
      pending.items.splice(at, 1);
      pending.total = Math.max(0, pending.total - 1);
    } else if (at < 0) {
      pending.items.push(i);
      pending.total += 1;
    } else if (fresher(i, pending.items[at]!)) pending.items[at] = i;
    show();
  }

  let ticket = 0;
  async function load(): Promise<void> {
    const user = session.user;
    if (!user) return;
    const mine = ++ticket;
    status.value = 'loading';
    error.value = null;
    try {
      const page = await incidentsApi.list(
        { state: waitingStates(user.role), sort: 'deadline' },
        { limit: MY_QUEUE_LIMIT, offset: 0 },
      );
      if (mine !== ticket) return;
      pending = null;
      items.value = byUrgency(page.items.filter((i) => waitsFor(i, user)));
      total.value = page.total;
      status.value = 'ready';
      follow(feed, page.seq);
    } catch (e) {
      if (mine !== ticket) return;
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  return { items, total, status, error, load };
});
