import type { BoardEvent } from '@gridboard/shared';

/**
 * What happened to one received event:
 * - `applied`: handed on in seq order;
 * - `buffered`: held until the replay in progress ends;
 * - `duplicate`: at or below the cursor and already seen (replay and live stream overlap);
 * - `late`: below the cursor but never seen: the stream broke its order, so whatever was built from
 *   it may be wrong and must be reloaded.
 */
export type Receipt = 'applied' | 'buffered' | 'duplicate' | 'late';

/** Seqs remembered to tell a duplicate from a late event. */
const DEFAULT_MEMORY = 4_096;

/**
 * Puts the socket's events into strict seq order, exactly once. Seqs seen by one user are not
 * contiguous (each user sees only their jurisdiction), so order is the only check: during a replay
 * (`sync` → `synced {upTo}`) replayed and live events interleave and both are buffered, then applied
 * ascending; afterwards live events arrive in order from the server and are applied at once.
 * Pure logic, no socket: the realtime service drives it and the unit tests exercise it.
 */
export class EventSequencer {
  private last: number;
  private replaying = false;
  private readonly buffer = new Map<number, BoardEvent>();
  private readonly seen = new Set<number>();
  /** Seqs at or below this are not remembered: treated as duplicates. */
  private floor: number;

  constructor(
    private readonly apply: (e: BoardEvent) => void,
    start = 0,
    private readonly memory = DEFAULT_MEMORY,
  ) {
    this.last = start;
    this.floor = start;
  }

  /** The seq of the last event applied (or skipped as known); `sync {since}` continues from it. */
  get lastApplied(): number {
    return this.last;
  }

  get isReplaying(): boolean {
    return this.replaying;
  }

  get buffered(): number {
    return this.buffer.size;
  }

  /** A replay starts: from now on events are held until `endReplay`. Returns the `since` to send. */
  beginReplay(): number {
    this.replaying = true;
    return this.last;
  }

  /** The connection dropped mid-replay: keep what was buffered (it is committed), stop waiting. */
  abortReplay(): void {
    this.replaying = false;
  }

  receive(e: BoardEvent): Receipt {
    if (e.seq <= this.last || this.buffer.has(e.seq)) {
      return e.seq > this.floor && e.seq <= this.last && !this.seen.has(e.seq) ? 'late' : 'duplicate';
    }
    if (this.replaying) {
      this.buffer.set(e.seq, e);
      return 'buffered';
    }
    this.applyOne(e);
    return 'applied';
  }

  /**
   * `synced {upTo}`: everything visible up to `upTo` has been sent. Applies the buffer in seq order
   * (it may hold live events beyond `upTo`) and moves the cursor to at least `upTo`, so the next
   * sync does not ask again for events this user may not see.
   */
  endReplay(upTo: number): void {
    this.replaying = false;
    const pending = [...this.buffer.values()].sort((a, b) => a.seq - b.seq);
    this.buffer.clear();
    for (const e of pending) if (e.seq > this.last) this.applyOne(e);
    if (upTo > this.last) this.last = upTo;
  }

  /**
   * Moves the cursor. Down: a store loaded a snapshot older than the stream, and events after it
   * must be replayed again (they are applied anew). Up: the stream starts at a snapshot; what lies
   * below is known from it and not remembered.
   */
  moveTo(seq: number): void {
    if (seq < this.last) {
      for (const s of this.seen) if (s > seq) this.seen.delete(s);
      if (this.floor > seq) this.floor = seq;
    } else {
      this.floor = seq;
      this.seen.clear();
    }
    for (const s of this.buffer.keys()) if (s <= seq) this.buffer.delete(s);
    this.last = seq;
  }

  private applyOne(e: BoardEvent): void {
    this.last = e.seq;
    this.seen.add(e.seq);
    if (this.seen.size > this.memory) {
      // Sets iterate in insertion order, which is ascending here: drop the oldest.
      const oldest = this.seen.values().next().value as number;
      this.seen.delete(oldest);
      this.floor = Math.max(this.floor, oldest);
    }
    this.apply(e);
  }
}
