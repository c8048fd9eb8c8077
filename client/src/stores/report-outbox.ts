import { createIncidentSchema } from '@gridboard/shared';
import { createStore, del, entries as storedEntries, set, type UseStore } from 'idb-keyval';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { z } from 'zod';
import { incidentsApi } from '@/api/incidents';
import { isTransient, outboxSender, refusalCode } from './outbox';
import { useSessionStore } from './session';

export type ReportBody = z.input<typeof createIncidentSchema> & { clientId: string };

export interface QueuedReport {
  body: ReportBody;
  photos: File[];
  queuedAt: string;
  /** The server refused it (not a network failure): kept for the worker to read, not resent. */
  failure: { code: string } | null;
}

/** A report that reached the server: its incident's number. */
export interface SentReport {
  clientId: string;
  id: string;
  number: string;
}

let db: UseStore | undefined;
/** IndexedDB, not localStorage: a report's photos are Files of up to 10 MB each. */
const reports = () => (db ??= createStore('gridboard-report-outbox', 'reports'));

/** A stored entry as this version of the page can send it; anything else is left out. */
function readable(value: unknown): QueuedReport | null {
  const v = value as Partial<QueuedReport> | null;
  const body = createIncidentSchema.safeParse(v?.body);
  if (!body.success || !body.data.clientId || !Array.isArray(v?.photos)) return null;
  if (!v.photos.every((p) => p instanceof Blob) || typeof v.queuedAt !== 'string') return null;
  return { body: v.body as ReportBody, photos: v.photos, queuedAt: v.queuedAt, failure: v.failure ?? null };
}

/**
 * Incident reports waiting for a connection (离线暂存), photos included. A report that cannot reach
 * the server, or whose answer is lost, is kept on the phone under its `clientId` and resent when the
 * phone is back online; the server makes one incident of it however often it arrives. Only what is
 * stored is called saved: if the phone cannot store it either, the page keeps the form and says so.
 */
export const useReportOutboxStore = defineStore('reportOutbox', () => {
  const session = useSessionStore();
  const entries = shallowRef<QueuedReport[]>([]);
  /** The last report sent from the queue (a direct send answers its caller). */
  const delivered = ref<SentReport | null>(null);
  const waiting = computed(() => entries.value.filter((e) => !e.failure));
  /** Entries are keyed by user, then clientId: a phone shared by two workers keeps their queues apart. */
  const mine = () => `${session.user?.id ?? 'anonymous'}/`;
  const keyOf = (clientId: string) => `${mine()}${clientId}`;

  async function read(): Promise<void> {
    const stored = await storedEntries(reports());
    const kept = stored
      .filter(([k]) => String(k).startsWith(mine()))
      .map(([, v]) => readable(v))
      .filter((e): e is QueuedReport => e !== null);
    // A report queued while the store was being read is in memory and maybe not in what was read.
    const later = entries.value.filter((e) => !kept.some((k) => k.body.clientId === e.body.clientId));
    entries.value = [...kept, ...later].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  async function send(body: ReportBody, photos: readonly File[]): Promise<SentReport> {
    const r = await incidentsApi.create(body, photos);
    return { clientId: body.clientId, id: r.incident.id, number: r.incident.number };
  }

  /** Sends a report; keeps it on the phone when the network or the server fails (not when it refuses). */
  async function submit(body: ReportBody, photos: File[]): Promise<SentReport | 'queued'> {
    try {
      return await send(body, photos);
    } catch (e) {
      if (!isTransient(e)) throw e;
      if (!entries.value.some((x) => x.body.clientId === body.clientId)) {
        const entry: QueuedReport = { body, photos, queuedAt: new Date().toISOString(), failure: null };
        await set(keyOf(body.clientId), entry, reports()).catch(() => Promise.reject(e));
        entries.value = [...entries.value, entry];
      }
      return 'queued';
    }
  }

  async function discard(clientId: string): Promise<void> {
    await del(keyOf(clientId), reports());
    entries.value = entries.value.filter((x) => x.body.clientId !== clientId);
  }

  const { flushing, flush, retryWhenOnline } = outboxSender(
    () => waiting.value,
    async (entry) => {
      const sent = await send(entry.body, entry.photos);
      await discard(entry.body.clientId);
      delivered.value = sent;
    },
    async (entry, e) => {
      const refused: QueuedReport = { ...entry, failure: { code: refusalCode(e) } };
      await set(keyOf(entry.body.clientId), refused, reports());
      entries.value = entries.value.map((x) => (x.body.clientId === entry.body.clientId ? refused : x));
    },
  );

  /** Reads this user's queue and resends it now and whenever the phone comes back online. */
  async function start(): Promise<void> {
    await read();
    retryWhenOnline();
    await flush();
  }

  return { entries, waiting, flushing, delivered, submit, flush, discard, start };
});
