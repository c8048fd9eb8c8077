import { type CreateRecordInput, createRecordSchema, type RecordResult } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { z } from 'zod';
import { hazardsApi } from '@/api/hazards';
import { inspectionsApi } from '@/api/inspections';
import { isTransient, outboxSender, refusalCode } from './outbox';
import { useSessionStore } from './session';

const entrySchema = z.object({
  body: createRecordSchema,
  siteName: z.string(),
  queuedAt: z.string(),
  recheckHazardId: z.string().nullable(),
  /** The server refused it (not a network failure): kept for the inspector to read, not retried. */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type OutboxEntry = z.infer<typeof entrySchema>;

export interface Submitted {
  result: RecordResult;
  /** The re-inspected hazard was struck off (销号) with this record. */
  closedHazard: string | null;
  /** Why the re-inspected hazard could not be closed by this record (an i18n key). */
  closeError: string | null;
}

/**
 * Records waiting for a connection (离线暂存). A submission that cannot reach the server is queued on
 * the device with its `clientId` and resent when the phone is back online: the server makes one
 * record however often it arrives (docs/INSPECTIONS.md), so a retry after a lost answer is harmless.
 */
export const useInspectionOutboxStore = defineStore('inspectionOutbox', () => {
  const session = useSessionStore();
  const entries = ref<OutboxEntry[]>([]);
  const lastSent = ref<Submitted | null>(null);

  const key = () => `gridboard.inspection.outbox.${session.user?.id ?? 'anonymous'}`;
  const waiting = computed(() => entries.value.filter((e) => !e.failure));

  function read(): void {
    try {
      const parsed = z.array(entrySchema).safeParse(JSON.parse(localStorage.getItem(key()) ?? '[]'));
      entries.value = parsed.success ? parsed.data : [];
    } catch {
      entries.value = [];
    }
  }
  function write(): void {
    if (entries.value.length) localStorage.setItem(key(), JSON.stringify(entries.value));
    else localStorage.removeItem(key());
  }

  /** Sends a record (and closes the hazard it re-inspects); queues it when the network or the server fails. */
  async function submit(
    body: CreateRecordInput,
    meta: { siteName: string; recheckHazardId: string | null },
  ): Promise<Submitted | 'queued'> {
    try {
      return await send(body, meta.recheckHazardId);
    } catch (e) {
      if (!isTransient(e)) throw e;
      // One entry per clientId: a second tap while offline does not queue it twice.
      if (!entries.value.some((x) => x.body.clientId === body.clientId)) {
        entries.value = [...entries.value, { body, ...meta, queuedAt: new Date().toISOString(), failure: null }];
        write();
      }
      return 'queued';
    }
  }

  async function send(body: CreateRecordInput, recheckHazardId: string | null): Promise<Submitted> {
    const result = await inspectionsApi.submitRecord(body);
    const sent: Submitted = { result, closedHazard: null, closeError: null };
    if (recheckHazardId && session.can('hazard.handle')) {
      try {
        const h = await hazardsApi.get(recheckHazardId);
        if (h.state === 'awaiting_recheck') {
          await hazardsApi.act(h.id, 'recheck_pass', { version: h.version, recordId: result.record.id });
          sent.closedHazard = h.number;
        }
      } catch (e) {
        if (isTransient(e)) throw e; // resent later: the record is idempotent, the close is retried
        sent.closeError = refusalCode(e);
      }
    }
    return sent;
  }

  const { flushing, flush, retryWhenOnline } = outboxSender(
    () => waiting.value,
    async (entry) => {
      lastSent.value = await send(entry.body, entry.recheckHazardId);
      entries.value = entries.value.filter((x) => x.body.clientId !== entry.body.clientId);
      write();
    },
    (entry, e) => {
      const failure = { code: refusalCode(e), message: String(e) };
      entries.value = entries.value.map((x) => (x.body.clientId === entry.body.clientId ? { ...x, failure } : x));
      write();
    },
  );

  function discard(clientId: string): void {
    entries.value = entries.value.filter((x) => x.body.clientId !== clientId);
    write();
  }

  /** Reads the queue of this user and retries it when the phone comes back online. */
  function start(): void {
    read();
    retryWhenOnline();
    void flush();
  }

  return { entries, waiting, flushing, lastSent, submit, flush, discard, start };
});
