import {
  checkTransition,
  TASK_ACTION_SCHEMAS,
  type TaskAction,
  transferTaskSchema,
  type TransferTask,
  transferWorkflow,
} from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { z } from 'zod';
import { floodApi } from '@/api/flood';
import { ApiRequestError } from '@/api/http';
import { useFloodStore } from './flood';
import { isTransient, outboxSender, refusalCode, storedQueue } from './outbox';
import { useSessionStore } from './session';

const entrySchema = z.object({
  clientId: z.string(),
  taskId: z.string(),
  action: z.enum(Object.keys(TASK_ACTION_SCHEMAS) as [TaskAction, ...TaskAction[]]),
  /** The request body as sent: the step's fields, the version it applies to, its clientId. */
  body: z.record(z.string(), z.unknown()),
  address: z.string(),
  /** The state the step leaves the task in: what the card shows while it waits. */
  to: transferTaskSchema.shape.state,
  queuedAt: z.string(),
  /** The server refused it (not a network failure): kept for the cadre to read, not resent. */
  failure: z.object({ code: z.string() }).nullable(),
});
export type QueuedStep = z.infer<typeof entrySchema>;

/**
 * Door-to-door steps waiting for a connection (离线暂存): a cadre in a flooded lane records 已通知,
 * 转移中 and 已安置 one after the other with no network, and they go out in that order once it is
 * back. Each step is based on the task's version after the steps queued before it, so the chain
 * applies without a conflict; a step whose answer was lost is resent under its `clientId` and the
 * server answers the step it took. A step someone else overtook is refused (409), with the task as it
 * now is put on the card.
 */
export const useFloodStepOutboxStore = defineStore('floodStepOutbox', () => {
  const session = useSessionStore();
  const flood = useFloodStore();
  const queue = storedQueue('flood-step', entrySchema, (e) => e.clientId);
  const entries = queue.entries;
  const waiting = computed(() => entries.value.filter((e) => !e.failure));

  /** The steps still to go out for a task, oldest first. */
  const pending = (taskId: string): QueuedStep[] => waiting.value.filter((e) => e.taskId === taskId);

  /** The state a task will be in once its queued steps are taken. */
  const stateAfterQueue = (task: TransferTask) => pending(task.id).at(-1)?.to ?? task.state;

  async function send(entry: QueuedStep): Promise<void> {
    const result = await floodApi.taskAction(entry.taskId, entry.action, entry.body as { version: number });
    flood.applyTask(result.task);
  }

  /**
   * Takes a step now, or queues it: behind the task's steps that are still waiting, or when the
   * network or the server fails. What the server refuses is thrown to the caller, as a direct step.
   */
  async function submit(
    task: TransferTask,
    action: TaskAction,
    fields: Record<string, unknown>,
  ): Promise<'sent' | 'queued'> {
    const before = pending(task.id);
    const from = stateAfterQueue(task);
    const check = checkTransition(transferWorkflow, from, action, session.role ?? 'system', fields);
    const clientId = crypto.randomUUID();
    const entry: QueuedStep = {
      clientId,
      taskId: task.id,
      action,
      body: { ...fields, version: task.version + before.length, clientId },
      address: task.address,
      to: check.ok ? check.to : from,
      queuedAt: new Date().toISOString(),
      failure: null,
    };
    if (!before.length) {
      try {
        await send(entry);
        return 'sent';
      } catch (e) {
        if (!isTransient(e)) throw e;
      }
    }
    queue.add(entry);
    if (before.length) void flush();
    return 'queued';
  }

  const { flushing, flush, retryWhenOnline } = outboxSender(
    () => waiting.value,
    async (entry) => {
      await send(entry);
      queue.remove(entry.clientId);
    },
    (entry, e) => {
      // Overtaken: the card shows the task as it is now, for the cadre to decide again.
      const current = e instanceof ApiRequestError && e.status === 409 ? transferTaskSchema.safeParse(e.current) : null;
      if (current?.success) flood.applyTask(current.data);
      queue.replace(entry.clientId, { ...entry, failure: { code: refusalCode(e) } });
    },
  );

  /** Reads this user's queue and resends it now and whenever the phone comes back online. */
  function start(): void {
    queue.read();
    retryWhenOnline();
    void flush();
  }

  return { entries, waiting, flushing, pending, stateAfterQueue, submit, flush, discard: queue.remove, start };
});
