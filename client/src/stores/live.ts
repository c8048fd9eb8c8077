import { shallowReactive } from 'vue';
import type { Feed } from '@/realtime';

/** What the incident and whistle DTOs share: events carry the whole DTO, so a client upserts it. */
export interface LiveItem {
  id: string;
  version: number;
  updatedAt: string;
}
export interface LiveStep {
  id: string;
  at: string;
}

/** True when `next` is not older than `held` (replays repeat events; an older copy never wins). */
export function fresher(next: LiveItem, held: LiveItem): boolean {
  return next.version > held.version || (next.version === held.version && next.updatedAt >= held.updatedAt);
}

/** Replaces by id (when not older) or puts a new item first: the lists show the newest first. */
export function upsert<T extends LiveItem>(list: readonly T[], next: T): T[] {
  const i = list.findIndex((x) => x.id === next.id);
  if (i < 0) return [next, ...list];
  if (!fresher(next, list[i]!)) return list as T[];
  const copy = list.slice();
  copy[i] = next;
  return copy;
}

/**
 * Follows the stream from a snapshot's seq. Every handler of these stores is idempotent, so when a
 * second snapshot is read later than the feed already stands, the feed keeps its older position
 * rather than skip events the other views of the store still need.
 */
export function follow(feed: Feed, seq: number): void {
  feed.resume(feed.cursor === null ? seq : Math.min(feed.cursor, seq));
}

type Detail<T, S> = T & { timeline: S[] };

/**
 * Details (item + timeline) of the items a view has open, kept current by the store's own events:
 * an event for an item still loading is kept and applied on the answer, so a change committed
 * between the read and the answer is not lost; a step already in the timeline is not added twice.
 */
export function detailCache<T extends LiveItem, S extends LiveStep>(fetch: (id: string) => Promise<Detail<T, S>>) {
  const details = shallowReactive(new Map<string, Detail<T, S>>());
  const pending = new Map<string, { item: T; step: S }[]>();

  function merge(d: Detail<T, S>, item: T, step: S): Detail<T, S> {
    const timeline = d.timeline.some((s) => s.id === step.id)
      ? d.timeline
      : [...d.timeline, step].sort((a, b) => a.at.localeCompare(b.at));
    return { ...(fresher(item, d) ? item : d), timeline };
  }

  /** Loads (or reloads) one item; resolves when it is in `details`. */
  async function load(id: string): Promise<void> {
    pending.set(id, []);
    try {
      let d = await fetch(id);
      for (const e of pending.get(id) ?? []) d = merge(d, e.item, e.step);
      details.set(id, d);
    } finally {
      pending.delete(id);
    }
  }

  function apply(item: T, step: S): void {
    pending.get(item.id)?.push({ item, step });
    const d = details.get(item.id);
    if (d) details.set(item.id, merge(d, item, step));
  }

  /** A version answered by the server (an action's result, a 409's `current`): newer than what we hold. */
  function put(item: T): void {
    const d = details.get(item.id);
    if (d && fresher(item, d)) details.set(item.id, { ...item, timeline: d.timeline });
  }

  const viewers = new Map<string, number>();
  /** A view opens an item; the detail is kept while any view has it open. */
  function retain(id: string): Promise<void> {
    viewers.set(id, (viewers.get(id) ?? 0) + 1);
    return details.has(id) ? Promise.resolve() : load(id);
  }
  function release(id: string): void {
    const n = (viewers.get(id) ?? 1) - 1;
    if (n > 0) return void viewers.set(id, n);
    viewers.delete(id);
    details.delete(id);
  }

  return { details, load, apply, put, retain, release };
}
