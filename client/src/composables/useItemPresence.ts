import type { ItemPresence } from '@gridboard/shared';
import { computed, onBeforeUnmount, shallowRef } from 'vue';
import { realtime } from '@/realtime';
import { useSessionStore } from '@/stores/session';

/**
 * "值班员 李明 正在处理": announces that this user views (or edits) an item and lists the others who
 * do. The server checks the item is in the user's scope; the announcement ends with the component.
 */
export function useItemPresence(itemType: string, itemId: string) {
  const session = useSessionStore();
  const presence = shallowRef<ItemPresence | null>(null);
  const handle = realtime.presence(itemType, itemId, (p) => (presence.value = p));
  handle.set('viewing');
  onBeforeUnmount(() => handle.close());
  const others = computed(() => (presence.value?.users ?? []).filter((u) => u.userId !== session.user?.id));
  return { others, set: (mode: 'viewing' | 'editing') => handle.set(mode) };
}
