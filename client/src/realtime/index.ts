import { useConnectionStore } from '@/stores/connection';
import { useSessionStore } from '@/stores/session';
import { RealtimeService } from './service';

export type { Feed, FeedOptions, EventHandlers } from './feeds';
export type { ConnectionState, ConnectionStatus } from './service';

/**
 * The app's one realtime connection. Stores subscribe with `realtime.feed(...)`; views never
 * touch it. Started and stopped with the session (main.ts).
 */
export const realtime = new RealtimeService({
  accessToken: () => useSessionStore().accessToken,
  refreshSession: () => useSessionStore().refresh(),
  sessionLost: () => useSessionStore().end('expired'),
  onState: (state) => useConnectionStore().update(state),
  log: console,
});
