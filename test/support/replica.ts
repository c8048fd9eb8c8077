import type { BoardEvent } from '@gridboard/shared';
import { io, type Socket } from 'socket.io-client';

/**
 * A client that keeps a replica of the board the way the real client's realtime service does
 * (docs/REALTIME.md "Reconnect contract"): one socket.io connection with reconnection and backoff;
 * on every connect `sync {since: lastApplied}`; events that arrive before the sync is acknowledged
 * are buffered; then everything is applied in seq order, dropping seq ≤ lastApplied. A disconnect by
 * the server without `revoked` is answered by connecting again at once.
 */
export class ReplicaClient {
  readonly socket: Socket;
  /** Applied events, in the order applied. */
  readonly applied: BoardEvent[] = [];
  lastApplied: number;
  /** Events dropped because seq ≤ lastApplied, and events that arrived out of seq order on one connection. */
  dropped = 0;
  outOfOrder = 0;
  connects = 0;
  disconnects = 0;
  revoked: string | null = null;
  private synced = false;
  private generation = 0;
  private buffer: BoardEvent[] = [];
  private lastOnConnection = 0;

  constructor(url: string, token: string, since = 0) {
    this.lastApplied = since;
    this.socket = io(url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 1_000,
      forceNew: true,
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('event', (e: BoardEvent) => this.onEvent(e));
    this.socket.on('revoked', (p: { code: string }) => (this.revoked = p.code));
    this.socket.on('disconnect', (reason) => {
      this.disconnects++;
      this.synced = false;
      if (reason === 'io server disconnect' && !this.revoked) this.socket.connect();
    });
  }

  get isSynced(): boolean {
    return this.socket.connected && this.synced;
  }

  private onConnect(): void {
    this.connects++;
    this.synced = false;
    this.buffer = [];
    this.lastOnConnection = 0;
    const generation = ++this.generation;
    this.socket
      .timeout(30_000)
      .emitWithAck('sync', { since: this.lastApplied })
      .then((ack: { ok: boolean }) => {
        if (generation !== this.generation || !this.socket.connected) return;
        if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack)}`);
        for (const e of this.buffer.sort((a, b) => a.seq - b.seq)) this.apply(e);
        this.buffer = [];
        this.synced = true;
      })
      .catch(() => {
        // No answer (the connection dropped mid-sync) or refused: start over on a fresh connection.
        if (generation === this.generation && this.socket.connected) this.socket.disconnect().connect();
      });
  }

  private onEvent(e: BoardEvent): void {
    if (e.seq <= this.lastOnConnection) this.outOfOrder++;
    this.lastOnConnection = e.seq;
    if (this.synced) this.apply(e);
    else this.buffer.push(e);
  }

  private apply(e: BoardEvent): void {
    if (e.seq <= this.lastApplied) {
      this.dropped++;
      return;
    }
    this.applied.push(e);
    this.lastApplied = e.seq;
  }

  /** Resolves when connected, synced and caught up to `seq` (or rejects after `ms`). */
  async caughtUp(seq: number, ms = 30_000): Promise<void> {
    const start = Date.now();
    while (!(this.isSynced && this.lastApplied >= seq)) {
      if (Date.now() - start > ms) {
        throw new Error(`not caught up to ${seq} after ${ms} ms: at ${this.lastApplied}, synced ${this.isSynced}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async whenSynced(ms = 30_000): Promise<void> {
    const start = Date.now();
    while (!this.isSynced) {
      if (Date.now() - start > ms) throw new Error(`not synced after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}
