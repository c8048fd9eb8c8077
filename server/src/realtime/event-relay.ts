import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from './event-bus';
import { EventLogRepository, type CommittedEvent } from './event-log.repository';

/** How long an out-of-order event waits for its predecessor before the gap is read from the table. */
const GAP_WAIT_MS = 150;
/** How often the relay compares its position with the table, to notice a publisher that died. */
const HEAD_POLL_MS = 1_000;
/** A gap is read from the table in slices of at most this many events. */
const FILL_BATCH = 2_000;

type Deliver = (e: CommittedEvent) => void;

/**
 * Per instance: turns the bus's stream into a gapless, in-order stream of every committed event.
 * Seqs are contiguous (taken from a counter inside the writing transaction), so a missing number is
 * certain evidence of a lost or late publish; it is fetched from the event table. Every socket of
 * this instance therefore receives its events in seq order, and nothing committed is skipped even
 * when the writer crashed between commit and publish.
 */
@Injectable()
export class EventRelay implements OnModuleDestroy {
  private readonly log = new Logger(EventRelay.name);
  private last = 0;
  private readonly pending = new Map<number, CommittedEvent>();
  private readonly listeners: Deliver[] = [];
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private gapTimer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private filling = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly events: EventLogRepository,
  ) {}

  /** Starts at the current head: earlier events reach clients through `sync`, not the relay. */
  async start(): Promise<void> {
    this.last = await this.events.head();
    this.bus.subscribe((events) => this.receive(events));
    this.poll = setInterval(() => void this.checkHead(), HEAD_POLL_MS);
    this.poll.unref();
  }

  onDeliver(listener: Deliver): void {
    this.listeners.push(listener);
  }

  get position(): number {
    return this.last;
  }

  /** Resolves once every event up to `seq` has been delivered (a syncing socket then goes live). */
  reached(seq: number): Promise<void> {
    if (this.last >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  onModuleDestroy(): void {
    clearInterval(this.poll);
    clearTimeout(this.gapTimer);
  }

  private receive(events: readonly CommittedEvent[]): void {
    for (const e of events) if (e.seq > this.last) this.pending.set(e.seq, e);
    this.drain();
  }

  private drain(): void {
    let next = this.pending.get(this.last + 1);
    while (next) {
      this.pending.delete(next.seq);
      this.last = next.seq;
      for (const l of this.listeners) {
        try {
          l(next);
        } catch (e) {
          // One failing listener must not stall the stream for every other socket.
          this.log.error({ err: e }, `delivering event ${next.seq} failed`);
        }
      }
      next = this.pending.get(this.last + 1);
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.seq <= this.last) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
    if (this.pending.size && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.fill(Math.max(...this.pending.keys()));
      }, GAP_WAIT_MS);
    }
  }

  private async checkHead(): Promise<void> {
    try {
      const head = await this.events.head();
      if (head > this.last) {
        // Give a publish that is merely in flight the same grace as an out-of-order one.
        setTimeout(() => void this.fill(head), GAP_WAIT_MS).unref();
      }
    } catch (e) {
      this.log.warn(`head check failed: ${String(e)}`);
    }
  }

  private async fill(upTo: number): Promise<void> {
    if (this.filling || upTo <= this.last) return;
    this.filling = true;
    try {
      // A long outage (Redis down, a burst from a crashed writer) is read back in slices, in order.
      while (upTo > this.last) {
        const missing = await this.events.range(this.last, Math.min(upTo, this.last + FILL_BATCH));
        if (!missing.length) break;
        this.receive(missing);
      }
    } catch (e) {
      this.log.warn(`gap fill failed: ${String(e)}`);
    } finally {
      this.filling = false;
    }
    if (this.pending.size) this.drain(); // events that arrived beyond this fill get their own timer
  }
}
