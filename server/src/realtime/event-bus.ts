import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { CommittedEvent } from './event-log.repository';

/**
 * Carries committed events from the instance that wrote them to every instance's relay.
 * One process: in memory. With REDIS_URL: a Redis channel, so N instances see every commit.
 */
export interface EventBus {
  publish(events: readonly CommittedEvent[]): void;
  subscribe(handler: (events: CommittedEvent[]) => void): void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  publish(events: readonly CommittedEvent[]): void {
    if (events.length) this.emitter.emit('events', [...events]);
  }

  subscribe(handler: (events: CommittedEvent[]) => void): void {
    this.emitter.on('events', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisEventBus implements EventBus {
  private readonly channel: string;
  private readonly handlers: ((events: CommittedEvent[]) => void)[] = [];

  constructor(
    namespace: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly onError: (e: unknown) => void,
  ) {
    this.channel = `${namespace}:events`;
  }

  publish(events: readonly CommittedEvent[]): void {
    if (!events.length) return;
    // This instance's own relay hears its writes at once, without the Redis round trip; the copy that
    // comes back on the channel is dropped there by seq.
    for (const h of this.handlers) h([...events]);
    // A lost publish is repaired by the other relays' gap fill from the event table.
    this.pub.publish(this.channel, JSON.stringify(events)).catch(this.onError);
  }

  subscribe(handler: (events: CommittedEvent[]) => void): void {
    this.handlers.push(handler);
    this.sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let events: CommittedEvent[];
      try {
        events = JSON.parse(message) as CommittedEvent[];
      } catch (e) {
        this.onError(e);
        return;
      }
      handler(events);
    });
    this.sub.subscribe(this.channel).catch(this.onError);
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

export const EVENT_BUS = Symbol('EVENT_BUS');
