import { type Ref, ref, shallowRef, watch } from 'vue';

/** Loads `fetch(key)` whenever the key changes; a late answer for an old key is dropped. */
export function useResource<K, T>(key: Ref<K>, fetch: (key: K) => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const error = ref<unknown>(null);
  const loading = ref(false);
  let current = 0;

  async function load(): Promise<void> {
    const ticket = ++current;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetch(key.value);
      if (ticket === current) data.value = result;
    } catch (e) {
      if (ticket === current) error.value = e;
    } finally {
      if (ticket === current) loading.value = false;
    }
  }

  watch(
    key,
    () => {
      data.value = null;
      void load();
    },
    { immediate: true },
  );

  return { data, error, loading, reload: load };
}
