import { type Whistle, type WhistleStep } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { type ApiRequestError, asApiError } from '@/api/http';
import { whistlesApi } from '@/api/whistles';
import { realtime } from '@/realtime';
import { detailCache, follow, upsert } from './live';

/** Open whistles and the most recent closed ones fit in one read. */
const LIST_LIMIT = 200;

/**
 * 吹哨报到: the whistles in the user's scope (a department: those it was summoned to), newest
 * first, with their summons and countdowns, and the details views have open; kept current by
 * `whistle.*` events, which carry the whole whistle.
 */
export const useWhistlesStore = defineStore('whistles', () => {
  const items = shallowRef<Whistle[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = shallowRef<ApiRequestError | null>(null);
  const open = detailCache<Whistle, WhistleStep>(whistlesApi.get);

  const apply = (w: Whistle, step: WhistleStep) => {
    open.apply(w, step);
    if (status.value !== 'idle') items.value = upsert(items.value, w);
  };
  const feed = realtime.feed({
    on: {
      'whistle.blown': (e) => apply(e.payload.whistle, e.payload.step),
      'whistle.changed': (e) => apply(e.payload.whistle, e.payload.step),
      'whistle.summons_overdue': (e) => apply(e.payload.whistle, e.payload.step),
      'whistle.overdue': (e) => apply(e.payload.whistle, e.payload.step),
    },
    onStale: () => void reload(),
  });

  let loading: Promise<void> | null = null;
  /** Reads the list, then follows the stream from the seq it was read at. */
  function load(): Promise<void> {
    loading ??= fetchList().finally(() => (loading = null));
    return loading;
  }

  async function fetchList(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const page = await whistlesApi.list({}, { limit: LIST_LIMIT, offset: 0 });
      items.value = page.items;
      status.value = 'ready';
      follow(feed, page.seq);
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  async function reload(): Promise<void> {
    await Promise.allSettled([...[...open.details.keys()].map((id) => open.load(id)), load()]);
  }

  /** Opens one whistle (with its timeline) and keeps it current until `closeDetail`. */
  async function openDetail(id: string): Promise<void> {
    if (status.value === 'idle') await load();
    await open.retain(id);
  }

  return {
    items,
    status,
    error,
    details: open.details as ReadonlyMap<string, Whistle & { timeline: WhistleStep[] }>,
    load,
    openDetail,
    closeDetail: open.release,
    refreshDetail: open.load,
    put: apply,
  };
});
