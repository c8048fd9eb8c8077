import type { z } from 'zod';
import { authEvents } from './auth';
import { boardEvents } from './board';
import { floodEvents } from './flood';
import { geoEvents } from './geo-registry';
import { incidentEvents } from './incidents';
import { inspectionEvents } from './inspections';
import { whistleEvents } from './whistles';

/**
 * Every event the board streams, by type, with its payload schema. Domains declare theirs next to
 * their contracts and are merged here: the server's gateway and the client's realtime service both
 * type against this one map. Payloads never carry unmasked personal data.
 */
export const EVENT_SCHEMAS = {
  ...authEvents,
  ...geoEvents,
  ...incidentEvents,
  ...whistleEvents,
  ...floodEvents,
  ...inspectionEvents,
  ...boardEvents,
} as const;
export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

/** `event` message: one committed change, in commit (seq) order. */
export interface BoardEvent<T extends EventType = EventType> {
  seq: number;
  type: T;
  payload: EventPayload<T>;
  at: string;
  drillId: string | null;
}
