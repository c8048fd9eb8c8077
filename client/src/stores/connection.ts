import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectionState } from '@/realtime/service';

/** The realtime connection as the indicator shows it; written only by the realtime service. */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>({
    status: 'idle',
    lastSyncAt: null,
    lastApplied: 0,
    attempt: 0,
    nextRetryAt: null,
  });

  function update(next: ConnectionState): void {
    state.value = next;
  }

  return { state, update };
});
