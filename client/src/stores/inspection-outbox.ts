import { type CreateRecordInput, createRecordSchema, type RecordResult } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { z } from 'zod';
import { hazardsApi } from '@/api/hazards';
import { inspectionsApi } from '@/api/inspections';
import { isTransient, outboxSender, refusalCode, storedQueue } from './outbox';
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
  const lastSent = ref<Submitted | null>(null);

  const queue = storedQueue('inspection', entrySchema, (e) => e.body.clientId);
  const entries = queue.entries;
  const waiting = computed(() => entries.value.filter((e) => !e.failure));

  /** Sends a record (and closes the hazard it re-inspects); queues it when the network or the server fails. */
  async function submit(
    body: CreateRecordInput,
    meta: { siteName: string; recheckHazardId: string | null },
  ): Promise<Submitted | 'queued'> {
    try {
      return await send(body, meta.recheckHazardId);
    } catch (e) {
      if (!isTransient(e)) throw e;
      queue.add({ body, ...meta, queuedAt: new Date().toISOString(), failure: null });
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
      queue.remove(entry.body.clientId);
    },
    (entry, e) =>
      queue.replace(entry.body.clientId, { ...entry, failure: { code: refusalCode(e), message: String(e) } }),
  );

  /** Reads the queue of this user and retries it when the phone comes back online. */
  function start(): void {
    queue.read();
    retryWhenOnline();
    void flush();
  }

  return { entries, waiting, flushing, lastSent, submit, flush, discard: queue.remove, start };
});
