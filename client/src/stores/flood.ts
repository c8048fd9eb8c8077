import { type FloodProgress, type FloodWarning, type ShelterProgress, type TransferTask } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { floodApi } from '@/api/flood';
import { type ApiRequestError, asApiError } from '@/api/http';
import { realtime } from '@/realtime';
import { upsertById } from './upsert';

/** 拒绝转移 escalated to the leader on duty, as it arrived. */
export interface RefusalAlarm {
  seq: number;
  at: string;
  task: TransferTask;
}
export interface OverCapacityAlarm {
  seq: number;
  at: string;
  warningId: string;
  shelter: ShelterProgress;
}

const byIssuedDesc = (a: FloodWarning, b: FloodWarning) => b.issuedAt.localeCompare(a.issuedAt);

/**
 * Flood warnings of the street and the transfer tasks of those not yet closed (the caller's
 * jurisdiction: a cadre sees their grid's), kept current by the flood events. `flood.progress`
 * replaces a warning's counters as committed, so nobody recounts on the client.
 */
export const useFloodStore = defineStore('flood', () => {
  const warnings = shallowRef<FloodWarning[]>([]);
  const tasks = shallowRef<TransferTask[]>([]);
  const progress = shallowRef<ReadonlyMap<string, FloodProgress>>(new Map());
  const refusals = shallowRef<RefusalAlarm[]>([]);
  const overCapacity = shallowRef<OverCapacityAlarm[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<ApiRequestError | null>(null);
  /** Progress events seen per warning: a snapshot asked before the latest event must not replace it. */
  const progressEvents = new Map<string, number>();

  const open = computed(() => warnings.value.filter((w) => w.state !== 'closed'));
  const taskById = computed(() => new Map(tasks.value.map((t) => [t.id, t])));

  const feed = realtime.feed({
    on: {
      'flood.warning.issued': (e) => applyWarning(e.payload.warning),
      'flood.warning.changed': (e) => applyWarning(e.payload.warning),
      'flood.tasks.created': (e) => {
        for (const t of e.payload.tasks) tasks.value = upsertById(tasks.value, t);
      },
      'flood.task.changed': (e) => void (tasks.value = upsertById(tasks.value, e.payload.task)),
      'flood.task_refused': (e) => {
        tasks.value = upsertById(tasks.value, e.payload.task);
        refusals.value = [{ seq: e.seq, at: e.at, task: e.payload.task }, ...refusals.value];
      },
      'flood.shelter_over_capacity': (e) => {
        const { warningId, shelter } = e.payload;
        overCapacity.value = [{ seq: e.seq, at: e.at, warningId, shelter }, ...overCapacity.value];
      },
      'flood.progress': (e) => setProgress(e.payload, true),
    },
    onStale: () => void load(),
  });

  /** A warning from an event or a step's answer (its event will repeat it, harmlessly). */
  function applyWarning(warning: FloodWarning): void {
    warnings.value = upsertById(warnings.value, warning).sort(byIssuedDesc);
    // A closed warning's tasks are history (the review shows them).
    if (warning.state === 'closed') tasks.value = tasks.value.filter((t) => t.warningId !== warning.id);
  }

  function setProgress(p: FloodProgress, fromEvent: boolean): void {
    if (fromEvent) progressEvents.set(p.warningId, (progressEvents.get(p.warningId) ?? 0) + 1);
    const next = new Map(progress.value);
    next.set(p.warningId, p);
    progress.value = next;
  }

  let loading: Promise<void> | null = null;
  /** (Re)loads warnings and open tasks, then follows the stream from the seq they were read at. */
  function load(): Promise<void> {
    loading ??= fetchAll().finally(() => (loading = null));
    return loading;
  }
  function ensure(): Promise<void> {
    return status.value === 'idle' || status.value === 'error' ? load() : (loading ?? Promise.resolve());
  }

  async function fetchAll(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const [w, t] = await Promise.all([floodApi.warnings(), floodApi.tasks({ open: true })]);
      warnings.value = w.items.slice().sort(byIssuedDesc);
      tasks.value = t.items;
      status.value = 'ready';
      feed.resume(Math.min(w.seq, t.seq));
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  /** A warning's counters as of now; a `flood.progress` that arrives meanwhile wins (it is as new or newer). */
  async function loadProgress(warningId: string): Promise<void> {
    const seen = progressEvents.get(warningId) ?? 0;
    const p = await floodApi.progress(warningId);
    if ((progressEvents.get(warningId) ?? 0) === seen) setProgress(p, false);
  }

  /** A step's answer applies at once (its event will repeat it, harmlessly). */
  function applyTask(task: TransferTask): void {
    tasks.value = upsertById(tasks.value, task);
  }

  return {
    warnings,
    open,
    tasks,
    taskById,
    progress,
    refusals,
    overCapacity,
    status,
    error,
    load,
    ensure,
    loadProgress,
    applyTask,
    applyWarning,
  };
});
