import { onBeforeUnmount, ref, shallowRef, watch } from 'vue';

export interface PageAnswer<T> {
  items: T[];
  total: number;
}

/**
 * One page of a server list at a time (`limit`/`offset`, answered `{items, total}`). A newer load
 * aborts the one in flight, so a slow answer for old filters never replaces a newer one.
 */
export function usePagedList<T>(
  fetchPage: (limit: number, offset: number, signal: AbortSignal) => Promise<PageAnswer<T>>,
  pageSize = 20,
) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  /** An answer has arrived at least once (before that, `total` means nothing). */
  const loaded = ref(false);
  const error = shallowRef<unknown>(null);
  let inFlight: AbortController | null = null;

  async function load(): Promise<void> {
    inFlight?.abort();
    const mine = new AbortController();
    inFlight = mine;
    loading.value = true;
    error.value = null;
    try {
      const answer = await fetchPage(size.value, (page.value - 1) * size.value, mine.signal);
      if (inFlight !== mine) return;
      items.value = answer.items;
      total.value = answer.total;
      loaded.value = true;
    } catch (e) {
      if (inFlight === mine && !(e instanceof DOMException && e.name === 'AbortError')) error.value = e;
    } finally {
      if (inFlight === mine) loading.value = false;
    }
  }

  /** New filters: back to the first page. */
  function search(): Promise<void> {
    if (page.value === 1) return load();
    page.value = 1; // the watcher loads
    return Promise.resolve();
  }

  watch([page, size], () => void load());
  onBeforeUnmount(() => inFlight?.abort());

  return { items, total, page, size, loading, loaded, error, load, search };
}
