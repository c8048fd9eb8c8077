import type { BoardEvent } from '@gridboard/shared';
import { io, type Socket } from 'socket.io-client';

/** A real socket.io client that records every event it receives, in arrival order. */
export class BoardClient {
  readonly socket: Socket;
  readonly events: BoardEvent[] = [];

  constructor(url: string, token: string, opts: { autoSync?: boolean } = {}) {
    this.socket = io(url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on('event', (e: BoardEvent) => this.events.push(e));
    if (opts.autoSync !== false) this.socket.on('connect', () => void this.sync(this.lastSeq()));
  }

  lastSeq(): number {
    return this.events.length ? this.events[this.events.length - 1]!.seq : 0;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (e) => reject(e));
    });
  }

  sync(since: number): Promise<any> {
    return this.socket.emitWithAck('sync', { since });
  }

  send(name: string, body: unknown): Promise<any> {
    return this.socket.emitWithAck(name, body);
  }

  /** Resolves when `predicate` holds over the received events, or rejects after `ms`. */
  async waitFor(predicate: (events: BoardEvent[]) => boolean, ms = 5_000): Promise<void> {
    const start = Date.now();
    while (!predicate(this.events)) {
      if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms with ${this.events.length} events`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}
