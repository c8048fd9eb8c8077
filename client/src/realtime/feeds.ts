import { type BoardEvent, EVENT_SCHEMAS, type EventType } from '@gridboard/shared';

export type EventHandlers = { [T in EventType]?: (e: BoardEvent<T>) => void };

export interface FeedOptions {
  /** Handlers by event type; payloads are validated against EVENT_SCHEMAS before they are called. */
  on: EventHandlers;
  /**
   * The stream can no longer be trusted for this feed (order broken, scope changed): reload the
   * snapshot and `resume` from its seq.
   */
  onStale: () => void;
}

/**
 * A store's subscription. It receives nothing until `resume(seq)` names the seq its snapshot was
 * read at; then every event after that seq, in order, once.
 */
export interface Feed {
  resume(seq: number): void;
  close(): void;
  readonly cursor: number | null;
}

const isKnownType = (t: string): t is EventType => Object.hasOwn(EVENT_SCHEMAS, t);

/**
 * Fans ordered events out to the stores. Each feed keeps its own cursor (the seq of its snapshot,
 * then of the last event it was given), so a store that loads a snapshot later than the others
 * neither misses nor repeats an event: when its seq is behind the stream, the service is asked to
 * replay from there (`onRewind`) and the feeds that are already ahead ignore the repeats.
 */
export class FeedRegistry {
  private readonly feeds = new Set<FeedImpl>();

  constructor(
    private readonly onRewind: (seq: number) => void,
    private readonly onInvalid: (e: BoardEvent, issue: string) => void = () => undefined,
  ) {}

  open(options: FeedOptions): Feed {
    const feed = new FeedImpl(options, this);
    this.feeds.add(feed);
    return feed;
  }

  dispatch(e: BoardEvent): void {
    let valid: BoardEvent | null | undefined; // parsed lazily, once, if some feed wants it
    for (const feed of this.feeds) {
      if (feed.cursor === null || e.seq <= feed.cursor) continue;
      feed.cursor = e.seq;
      const handler = isKnownType(e.type) ? feed.options.on[e.type] : undefined;
      if (!handler) continue;
      valid ??= this.validate(e);
      if (valid) (handler as (e: BoardEvent) => void)(valid);
    }
  }

  /** Every feed reloads its snapshot. */
  markAllStale(): void {
    for (const feed of this.feeds) {
      feed.cursor = null;
      feed.options.onStale();
    }
  }

  /** @internal */
  resumed(seq: number): void {
    this.onRewind(seq);
  }

  /** @internal */
  closed(feed: FeedImpl): void {
    this.feeds.delete(feed);
  }

  private validate(e: BoardEvent): BoardEvent | null {
    const parsed = EVENT_SCHEMAS[e.type].safeParse(e.payload);
    if (parsed.success) return { ...e, payload: parsed.data } as BoardEvent;
    this.onInvalid(e, parsed.error.message);
    return null;
  }
}

class FeedImpl implements Feed {
  cursor: number | null = null;

  constructor(
    readonly options: FeedOptions,
    private readonly registry: FeedRegistry,
  ) {}

  resume(seq: number): void {
    this.cursor = seq;
    this.registry.resumed(seq);
  }

  close(): void {
    this.registry.closed(this);
  }
}
