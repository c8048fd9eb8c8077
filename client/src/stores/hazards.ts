import { type Hazard, hazardWorkflow } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { hazardsApi } from '@/api/hazards';
import { realtime } from '@/realtime';
import { useSessionStore } from './session';
import { snapshotLoader } from './snapshot-loader';

const PENDING = hazardWorkflow.states.filter((s) => !hazardWorkflow.terminal.includes(s));

/**
 * The hazards not yet struck off (动态清零: the number the street drives to zero), kept current by the
 * stream: the map layer draws them; `revision` tells filtered lists that something changed.
 */
export const useHazardsStore = defineStore('hazards', () => {
  const pending = shallowRef<Hazard[]>([]);
  /** Bumped on every hazard event; pages holding a filtered list reload on it. */
  const revision = ref(0);
  /** The last hazard changed live, so an open detail view can refresh. */
  const lastChanged = shallowRef<Hazard | null>(null);
  const session = useSessionStore();

  const byId = computed(() => new Map(pending.value.map((h) => [h.id, h])));

  const feed = realtime.feed({
    on: {
      'inspection.recorded': (e) => e.payload.hazards.forEach(apply),
      'hazard.changed': (e) => apply(e.payload.hazard),
      'hazard.overdue': (e) => apply(e.payload.hazard),
      // A department joining a campaign starts seeing its hazards.
      'campaign.changed': () => {
        if (session.role === 'dept_staff') void load();
      },
    },
    onStale: () => void load(),
  });

  const { status, error, load, ensureLoaded } = snapshotLoader(fetchAll);

  async function fetchAll(): Promise<void> {
    const page = await hazardsApi.list({ state: [...PENDING], limit: 10_000 });
    pending.value = page.items;
    revision.value++;
    feed.resume(page.seq);
  }

  function apply(h: Hazard): void {
    const held = pending.value.find((x) => x.id === h.id);
    if (held && held.version > h.version) return;
    const rest = pending.value.filter((x) => x.id !== h.id);
    pending.value = hazardWorkflow.terminal.includes(h.state) ? rest : [h, ...rest];
    lastChanged.value = h;
    revision.value++;
  }

  return { pending, byId, status, error, revision, lastChanged, load, ensureLoaded };
});
