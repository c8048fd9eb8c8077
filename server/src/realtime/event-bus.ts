import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * Tells every instance's relay, right after a commit, that the event table has grown; the relay then
 * reads the new events from the table. One process: in memory. With REDIS_URL: a Redis channel, so N
 * instances hear every commit. A lost notice only delays delivery until the relay's next poll.
 */
export interface EventBus {
  notify(): void;
  subscribe(handler: () => void): void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  notify(): void {
    this.emitter.emit('commit');
  }

  subscribe(handler: () => void): void {
    this.emitter.on('commit', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisEventBus implements EventBus {
  private readonly channel: string;
  private readonly handlers: (() => void)[] = [];

  constructor(
    namespace: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly onError: (e: unknown) => void,
  ) {
    this.channel = `${namespace}:events`;
  }

  notify(): void {
    // This instance's relay hears its own commits at once, without the Redis round trip.
    for (const h of this.handlers) h();
    this.pub.publish(this.channel, 'commit').catch(this.onError);
  }

  subscribe(handler: () => void): void {
    this.handlers.push(handler);
    this.sub.on('message', (channel: string) => {
      if (channel === this.channel) handler();
    });
    this.sub.subscribe(this.channel).catch(this.onError);
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

export const EVENT_BUS = Symbol('EVENT_BUS');
