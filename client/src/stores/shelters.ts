import { type Shelter, shelterSchema } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { type ApiRequestError, asApiError } from '@/api/http';
import { shelterApi } from '@/api/shelters';
import { realtime } from '@/realtime';
import { upsertById } from './upsert';

/**
 * 避险安置点 of the caller's jurisdiction with their live occupancy: the transfer steps change it in
 * the same transaction and announce the shelter with `geo.changed`, patched in place here.
 */
export const useShelterStore = defineStore('shelters', () => {
  const shelters = shallowRef<Shelter[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<ApiRequestError | null>(null);
  const byId = computed(() => new Map(shelters.value.map((s) => [s.id, s])));

  const feed = realtime.feed({
    on: {
      'geo.changed': (e) => {
        if (e.payload.entity !== 'shelter') return;
        if (e.payload.op === 'deleted') {
          shelters.value = shelters.value.filter((s) => s.id !== e.payload.id);
          return;
        }
        const dto = shelterSchema.safeParse(e.payload.data);
        if (dto.success) shelters.value = upsertById(shelters.value, dto.data);
        else void load();
      },
      'geo.imported': (e) => {
        if (e.payload.layers.includes('shelters')) void load();
      },
    },
    onStale: () => void load(),
  });

  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= fetchAll().finally(() => (loading = null));
    return loading;
  }
  /** Loads once; later callers share the live list. */
  function ensure(): Promise<void> {
    return status.value === 'idle' || status.value === 'error' ? load() : (loading ?? Promise.resolve());
  }

  async function fetchAll(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const page = await shelterApi.all();
      shelters.value = page.items;
      status.value = 'ready';
      feed.resume(page.seq);
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  return { shelters, status, error, byId, load, ensure };
});
