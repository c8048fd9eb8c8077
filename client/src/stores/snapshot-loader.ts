import { ref } from 'vue';
import { type ApiRequestError, asApiError } from '@/api/http';

/**
 * The loading state of a store's snapshot: one fetch at a time (callers share it), `ensureLoaded` for
 * views that only need it loaded once, and the failure kept as an ApiRequestError for the view to show.
 */
export function snapshotLoader(fetchAll: () => Promise<void>) {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<ApiRequestError | null>(null);
  let loading: Promise<void> | null = null;

  async function run(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      await fetchAll();
      status.value = 'ready';
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  /** (Re)loads; a call while a load is running shares it. */
  function load(): Promise<void> {
    loading ??= run().finally(() => (loading = null));
    return loading;
  }

  /** Loads unless loaded or loading. */
  function ensureLoaded(): Promise<void> {
    return status.value === 'idle' || status.value === 'error' ? load() : (loading ?? Promise.resolve());
  }

  return { status, error, load, ensureLoaded };
}
