import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from './event-bus';
import { EventLogRepository, type CommittedEvent } from './event-log.repository';

/** How often the relay reads the table without being told: a writer that died before notifying. */
const POLL_MS = 1_000;
/** The table is read in slices of at most this many events. */
const READ_BATCH = 2_000;
/**
 * A hole is nearly always a commit a flush away from visible (ms; 20-160 ms when this disk stalls),
 * whose own notice makes the relay read again. Only one still there after this long — a commit that
 * failed after taking its seq — is settled with the commit fence, which holds up new commits while it
 * waits and needs a pooled connection that writes are queueing for.
 */
const HOLE_GRACE_MS = 500;

type Deliver = (e: CommittedEvent) => void;

/**
 * Per instance: the in-order stream of every committed event, read from the event table after each
 * commit notice (and once a second regardless), so it also carries the events of a writer that
 * crashed between commit and notice, or whose notice Redis lost. Seqs are taken at commit; a hole
 * below a visible seq is a commit still in flight or one that failed after taking its seq, and the
 * relay waits it out (`readToEnd`): every event exactly once, in seq order.
 */
@Injectable()
export class EventRelay implements OnModuleDestroy {
  private readonly log = new Logger(EventRelay.name);
  private last = 0;
  private readonly listeners: Deliver[] = [];
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private poll: NodeJS.Timeout | undefined;
  private reading = false;
  private again = false;
  private stopped = false;
  private holeTimer: NodeJS.Timeout | undefined;
  private fenceDue = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly events: EventLogRepository,
  ) {}

  /** Starts at the settled head: earlier events reach clients through `sync`, not the relay. */
  async start(): Promise<void> {
    this.last = await this.events.head();
    this.bus.subscribe(() => this.pull());
    this.poll = setInterval(() => this.pull(), POLL_MS);
    this.poll.unref();
  }

  onDeliver(listener: Deliver): void {
    this.listeners.push(listener);
  }

  get position(): number {
    return this.last;
  }

  /**
   * Resolves once every event up to `seq` has been delivered (a syncing socket then replays up to it).
   * Reads at once rather than at the next notice or poll: `seq` is known to be committed.
   */
  reached(seq: number): Promise<void> {
    if (this.last >= seq) return Promise.resolve();
    const reached = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    this.pull();
    return reached;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.holeTimer);
  }

  /** One reader at a time; notices that arrive while it reads make it read once more. */
  private pull(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.read().finally(() => (this.reading = false));
  }

  private async read(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.readToEnd();
      } while (this.again && !this.stopped);
    } catch (e) {
      this.log.warn(`reading the event table failed: ${String(e)}`);
    }
  }

  /**
   * Delivers what is committed after `last`, in seq order, up to a hole. A hole still there after the
   * grace is waited out with the commit fence; after that every seq up to the highest seen is visible
   * or never will be, so it reads again and delivers those, stepping over the holes that remain.
   */
  private async readToEnd(): Promise<void> {
    let settled = this.last; // a hole at or below this seq is one for good
    while (!this.stopped) {
      const batch = await this.events.after(this.last, READ_BATCH);
      const hole = batch.find((e, i) => e.seq > Math.max(i ? batch[i - 1]!.seq : this.last, settled) + 1);
      for (const e of batch) {
        if (e === hole) break;
        this.deliver(e);
      }
      if (!hole) {
        this.endHoleWait();
        if (batch.length < READ_BATCH) return;
      } else if (this.fenceDue) {
        this.endHoleWait();
        settled = batch[batch.length - 1]!.seq;
        await this.events.awaitCommitsInFlight();
      } else {
        this.holeTimer ??= setTimeout(() => {
          this.holeTimer = undefined;
          this.fenceDue = true;
          this.pull();
        }, HOLE_GRACE_MS);
        return;
      }
    }
  }

  private endHoleWait(): void {
    clearTimeout(this.holeTimer);
    this.holeTimer = undefined;
    this.fenceDue = false;
  }

  private deliver(e: CommittedEvent): void {
    this.last = e.seq;
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        // One failing listener must not stall the stream for every other socket.
        this.log.error({ err }, `delivering event ${e.seq} failed`);
      }
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.seq <= this.last) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
