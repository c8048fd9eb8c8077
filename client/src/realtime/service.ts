import { type Ack, type BoardEvent, type ItemPresence, type ServerToClient, SOCKET_PATH } from '@gridboard/shared';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffOptions } from './backoff';
import { type Feed, type FeedOptions, FeedRegistry } from './feeds';
import { EventSequencer } from './sequencer';

type PresenceMode = 'viewing' | 'editing';
interface ClientToServer {
  sync: (p: { since: number }, ack: (a: Ack<{ upTo: number }>) => void) => void;
  'presence.set': (
    p: { itemType: string; itemId: string; mode: PresenceMode },
    ack: (a: Ack<ItemPresence>) => void,
  ) => void;
  'presence.clear': (p: { itemType: string; itemId: string }, ack: (a: Ack<ItemPresence>) => void) => void;
}

/** Who else has an item open ("值班员 李明 正在处理"); see `RealtimeService.presence`. */
export interface PresenceHandle {
  /** Announce (or change) what I do with the item; re-announced after every reconnect. */
  set(mode: PresenceMode): void;
  /** Stop announcing and listening. */
  close(): void;
}
interface Announcement {
  itemType: string;
  itemId: string;
  mode: PresenceMode | null;
  onChange: (p: ItemPresence) => void;
}
type BoardSocket = Socket<ServerToClient, ClientToServer>;

export type ConnectionStatus = 'idle' | 'connecting' | 'syncing' | 'online' | 'reconnecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the last replay finished (ms since epoch). */
  lastSyncAt: number | null;
  /** The seq of the last event applied. */
  lastApplied: number;
  /** Failed attempts in a row. */
  attempt: number;
  nextRetryAt: number | null;
}

export interface RealtimeDeps {
  /** Same origin when omitted (the server serves the client; Vite proxies in development). */
  url?: string;
  accessToken(): string | null;
  /** true: a new access token is in place; false: the session is over. Throws when unreachable. */
  refreshSession(): Promise<boolean>;
  sessionLost(): void;
  onState?(state: ConnectionState): void;
  backoff?: BackoffOptions;
  random?: () => number;
  /** A replay must finish within this time or the connection is restarted. */
  syncTimeoutMs?: number;
  log?: Pick<Console, 'warn'>;
}

/** After this many failed attempts in a row the indicator says 离线 rather than 重连中 (still retrying). */
const OFFLINE_AFTER_ATTEMPTS = 4;
/** `sync` from beyond the head replays nothing and answers the head: where a client with no snapshot starts. */
const FROM_HEAD = Number.MAX_SAFE_INTEGER;
const AUTH_ERRORS = new Set(['errors.unauthorized', 'errors.token_invalid']);

/**
 * The app's one socket.io connection (views never open sockets). On every connect it replays what
 * was missed (`sync {since}`), holding live events until `synced`, then applies events to the
 * stores' feeds strictly in seq order, once. Reconnects with exponential backoff and jitter; an
 * authentication failure refreshes the session once, otherwise ends it.
 */
export class RealtimeService {
  private socket: BoardSocket | null = null;
  private readonly sequencer: EventSequencer;
  private readonly feeds: FeedRegistry;
  /** False until the first replay: the cursor is not yet a position in the stream. */
  private positioned = false;
  /** A snapshot older than the stream asked to replay from here. */
  private pendingRewind: number | null = null;
  private syncing = false;
  /** The replay in flight started from the head (no snapshot yet): it proves nothing below it. */
  private syncFromHead = false;
  private syncGeneration = 0;
  /** The server ended the connection (user disabled or rescoped, shutdown): the stores reload after. */
  private serverDropped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while the session is being refreshed after an auth failure: disconnects do not retry. */
  private reauthenticating = false;
  /** Refreshes since the last successful connect: a fresh token refused again ends the session. */
  private reauthentications = 0;
  /** Items this client announced presence on: the server forgets them when the socket drops. */
  private readonly announcements = new Set<Announcement>();
  private readonly state: ConnectionState = {
    status: 'idle',
    lastSyncAt: null,
    lastApplied: 0,
    attempt: 0,
    nextRetryAt: null,
  };

  constructor(private readonly deps: RealtimeDeps) {
    this.sequencer = new EventSequencer((e) => this.feeds.dispatch(e));
    this.feeds = new FeedRegistry(
      (seq) => this.rewind(seq),
      (e, issue) => this.deps.log?.warn(`event ${e.seq} ${e.type} does not match its schema: ${issue}`),
    );
  }

  /** A store's subscription: see FeedRegistry. */
  feed(options: FeedOptions): Feed {
    return this.feeds.open(options);
  }

  /** Presence on one item (the server checks the item is in the user's scope). */
  presence(itemType: string, itemId: string, onChange: (p: ItemPresence) => void): PresenceHandle {
    const a: Announcement = { itemType, itemId, mode: null, onChange };
    this.announcements.add(a);
    return {
      set: (mode) => {
        a.mode = mode;
        this.announce(a);
      },
      close: () => {
        this.announcements.delete(a);
        if (a.mode && this.socket?.connected) this.socket.emit('presence.clear', { itemType, itemId }, () => undefined);
      },
    };
  }

  private announce(a: Announcement): void {
    if (!a.mode || !this.socket?.connected) return;
    this.socket.emit('presence.set', { itemType: a.itemType, itemId: a.itemId, mode: a.mode }, (ack) => {
      if (ack.ok && this.announcements.has(a)) a.onChange(ack.data);
    });
  }

  get connectionState(): Readonly<ConnectionState> {
    return this.state;
  }

  start(): void {
    if (this.socket) return;
    const options: Partial<ManagerOptions & SocketOptions> = {
      path: SOCKET_PATH,
      transports: ['websocket'],
      autoConnect: false,
      // Reconnection is ours (backoff with jitter, token refresh, sync), not the manager's.
      reconnection: false,
      auth: (cb) => cb({ token: this.deps.accessToken() }),
    };
    const socket: BoardSocket = this.deps.url ? io(this.deps.url, options) : io(options);
    this.socket = socket;
    socket.on('connect', () => {
      this.reauthentications = 0;
      this.state.attempt = 0;
      this.state.nextRetryAt = null;
      if (this.serverDropped) {
        this.serverDropped = false;
        this.feeds.markAllStale();
      }
      void this.sync();
      for (const a of this.announcements) this.announce(a);
    });
    socket.on('connect_error', (err) => {
      if (AUTH_ERRORS.has(err.message)) void this.reauthenticate();
      else this.scheduleRetry();
    });
    socket.on('disconnect', (reason) => {
      this.sequencer.abortReplay();
      this.syncing = false;
      if (reason === 'io client disconnect' || this.reauthenticating) return;
      if (reason === 'io server disconnect') this.serverDropped = true;
      this.scheduleRetry();
    });
    socket.on('event', (e) => this.receive(e));
    socket.on('synced', ({ upTo }) => {
      if (this.syncing) this.finishSync(upTo);
    });
    socket.on('revoked', () => void this.reauthenticate());
    socket.on('presence.item', (p) => {
      for (const a of this.announcements) if (a.itemType === p.itemType && a.itemId === p.itemId) a.onChange(p);
    });
    this.connect();
  }

  /** Ends the connection for good (logout). */
  stop(): void {
    this.clearRetry();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.syncing = false;
    this.setState({ status: 'idle', nextRetryAt: null });
  }

  /** The user asked, or the browser went back online: skip the wait. */
  reconnectNow(): void {
    if (!this.socket) return;
    if (this.socket.connected) {
      // A short network blip the socket survived: it is still live.
      if (!this.syncing) this.setState({ status: 'online' });
      return;
    }
    this.clearRetry();
    this.connect();
  }

  /**
   * The browser reports the network gone: say so at once rather than after the ping timeout (the
   * socket notices later and the retries begin then).
   */
  networkLost(): void {
    if (this.socket) this.setState({ status: 'offline' });
  }

  private connect(): void {
    this.setState({ status: this.state.attempt === 0 ? 'connecting' : this.retryStatus(), nextRetryAt: null });
    this.socket?.connect();
  }

  private receive(e: BoardEvent): void {
    const receipt = this.sequencer.receive(e);
    if (receipt === 'applied') this.state.lastApplied = this.sequencer.lastApplied;
    if (receipt === 'late') {
      this.deps.log?.warn(`event ${e.seq} arrived out of order; reloading`);
      this.feeds.markAllStale();
    }
  }

  private async sync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected || this.syncing) return;
    const rewind = this.pendingRewind;
    this.pendingRewind = null;
    if (rewind !== null && (!this.positioned || rewind < this.sequencer.lastApplied)) {
      this.sequencer.moveTo(rewind);
      this.positioned = true;
    }
    const fromHead = !this.positioned;
    const since = this.sequencer.beginReplay();
    this.syncing = true;
    this.syncFromHead = fromHead;
    const generation = ++this.syncGeneration;
    this.setState({ status: 'syncing' });
    let ack: Ack<{ upTo: number }>;
    try {
      ack = await socket
        .timeout(this.deps.syncTimeoutMs ?? 30_000)
        .emitWithAck('sync', { since: fromHead ? FROM_HEAD : since });
    } catch {
      // No answer in time: start over on a fresh connection.
      if (generation === this.syncGeneration && this.syncing) {
        socket.disconnect();
        this.scheduleRetry();
      }
      return;
    }
    if (generation !== this.syncGeneration) return;
    if (!ack.ok) {
      this.syncing = false;
      this.sequencer.abortReplay();
      if (AUTH_ERRORS.has(ack.code)) return void this.reauthenticate();
      this.deps.log?.warn(`sync refused: ${ack.code}`);
      this.retryLater(() => void this.sync());
      return;
    }
    if (this.syncing) this.finishSync(ack.data.upTo);
  }

  private finishSync(upTo: number): void {
    this.syncing = false;
    this.positioned = true;
    this.sequencer.endReplay(upTo);
    // Nothing below the head was asked for, so nothing below it can be judged late.
    if (this.syncFromHead) this.sequencer.moveTo(this.sequencer.lastApplied);
    this.setState({ status: 'online', lastSyncAt: Date.now(), lastApplied: this.sequencer.lastApplied });
    // A snapshot older than the stream arrived while replaying: replay again from it.
    if (this.pendingRewind !== null) {
      if (this.pendingRewind < this.sequencer.lastApplied) void this.sync();
      else this.pendingRewind = null;
    }
  }

  /** A feed resumed at `seq`; if the stream is already past it, replay from there. */
  private rewind(seq: number): void {
    this.pendingRewind = Math.min(this.pendingRewind ?? seq, seq);
    if (this.positioned && this.pendingRewind >= this.sequencer.lastApplied && !this.syncing) {
      this.pendingRewind = null; // the stream has not reached it yet: the feed simply waits
      return;
    }
    void this.sync();
  }

  /** The server refused our token: refresh once and reconnect, or end the session. */
  private async reauthenticate(): Promise<void> {
    if (this.reauthenticating) return;
    this.reauthenticating = true;
    this.clearRetry();
    try {
      // A token refreshed a moment ago and refused again will not get better by refreshing more.
      const ok = this.reauthentications++ < 2 && (await this.deps.refreshSession());
      this.reauthenticating = false;
      if (!ok) {
        this.stop();
        this.deps.sessionLost();
        return;
      }
      // The user's scope may have changed with the new token: what the stores hold is suspect.
      if (this.positioned) this.feeds.markAllStale();
      this.socket?.disconnect();
      this.connect();
    } catch {
      this.reauthenticating = false;
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    this.retryLater(() => this.connect());
  }

  private retryLater(fn: () => void): void {
    if (!this.socket || this.retryTimer) return;
    const delay = backoffDelay(this.state.attempt, this.deps.backoff ?? RECONNECT_BACKOFF, this.deps.random);
    this.state.attempt += 1;
    this.setState({ status: this.retryStatus(), nextRetryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      fn();
    }, delay);
  }

  private retryStatus(): ConnectionStatus {
    // The browser knows the network is gone: 离线 at once, not 重连中 until the attempts run out.
    const noNetwork = typeof navigator !== 'undefined' && navigator.onLine === false;
    return noNetwork || this.state.attempt > OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting';
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(patch: Partial<ConnectionState>): void {
    Object.assign(this.state, patch);
    this.deps.onState?.({ ...this.state });
  }
}
