import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type Ack,
  type BoardEvent,
  canSee,
  CLIENT_MESSAGES,
  type ClientMessage,
  type ItemPresence,
  jurisdictionRooms,
  message as text,
  type MessageKey,
  type OnlineUser,
  scopeRooms,
  type ServerToClient,
  SOCKET_MAX_PAYLOAD_BYTES,
  SOCKET_PATH,
  SOCKET_RATE,
  SYNC_BATCH,
} from '@gridboard/shared';
import type { Redis } from 'ioredis';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { ActorResolver } from '../auth/actor-resolver';
import { Policy } from '../auth/policy.service';
import { AccessTokens, type AccessClaims } from '../auth/tokens';
import { fieldErrors } from '../common/validation';
import { EventLogRepository, type CommittedEvent } from './event-log.repository';
import { EventRelay } from './event-relay';
import { ItemLocator } from './item-presence.registry';
import { homeJurisdictions, type PresenceMember, PresenceRepository, sharesJurisdiction } from './presence';
import { REDIS } from './redis';

/**
 * Plain JSON, so the Redis adapter can carry it to other instances (fetchSockets for presence).
 * Sync state is not here: it belongs to the instance holding the socket (see `syncing`).
 */
interface SocketData {
  claims: AccessClaims;
  actor: Actor;
  /** Where this user works, for "online in my jurisdiction". */
  home: PresenceMember['home'];
  /** itemKey → mode. */
  presence: Record<string, 'viewing' | 'editing'>;
  rate: { windowStart: number; count: number };
}
/** Instances tell each other that a street's online list changed (connects on one, watchers on another). */
interface InterServer {
  'presence.street': (streetId: string) => void;
}
type BoardSocket = Socket<Record<string, never>, ServerToClient, InterServer, SocketData>;
type BoardServer = Server<Record<string, never>, ServerToClient, InterServer, SocketData>;

/** A syncing socket: live events that arrive during its replay wait here, so it never sees one twice. */
interface SyncState {
  /** The head the replay runs to; null until it is read. */
  upTo: number | null;
  buffer: CommittedEvent[];
}

/**
 * A live socket whose outgoing queue grows past this many packets is not reading (stalled tab, dead
 * network that TCP has not noticed yet): it is disconnected and resyncs from its last seq on reconnect,
 * instead of the server buffering without bound.
 */
export const MAX_QUEUED_PACKETS = 10_000;
/** A replay waits this long for a slow client to take each batch before giving up on it. */
const REPLAY_DRAIN_TIMEOUT_MS = 30_000;
const QUEUE_SWEEP_MS = 5_000;
const ONLINE_COALESCE_MS = 1_000;

const userRoom = (userId: string) => `user:${userId}`;
const itemRoom = (itemType: string, itemId: string) => `item:${itemType}:${itemId}`;
const presenceRoom = (streetId: string) => `presence:${streetId}`;

class SocketError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly field?: string,
    readonly detail?: string,
  ) {
    super(code);
  }
}

/**
 * The only place that speaks socket.io (protocol: docs/REALTIME.md). Authenticates the handshake (Nest
 * guards do not run on connection), limits every message's size and rate, re-authorizes every message,
 * replays missed events on `sync` and only then joins the socket to its live rooms, and tracks presence.
 *
 * Ordering: each socket receives events in strictly increasing seq. Until its first `sync` a socket gets
 * no events; during a sync it leaves its live rooms, live events it may see are buffered, the replay
 * runs from the event table up to the head read at its start, and once the relay has passed that head
 * the buffered events after it are sent and the socket rejoins its rooms — all in one synchronous step,
 * so no relay delivery can fall between them.
 */
@WebSocketGateway({ path: SOCKET_PATH, cors: { origin: true }, maxHttpBufferSize: 1_000_000 })
export class BoardGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() server: BoardServer;
  private readonly log = new Logger(BoardGateway.name);
  private readonly onlineTimers = new Map<string, NodeJS.Timeout>();
  private readonly syncing = new Map<BoardSocket, SyncState>();
  /** One sync at a time per socket: a second waits for the first. */
  private readonly syncChains = new Map<string, Promise<unknown>>();
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly actors: ActorResolver,
    private readonly policy: Policy,
    private readonly events: EventLogRepository,
    private readonly relay: EventRelay,
    private readonly items: ItemLocator,
    private readonly places: PresenceRepository,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  afterInit(server: BoardServer): void {
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const claims = typeof token === 'string' ? this.tokens.verify(token) : null;
      if (!claims) return next(new Error('errors.unauthorized'));
      this.actors
        .fromClaims(claims, null, socket.handshake.address)
        .then(async (actor) => {
          if (!actor) return next(new Error('errors.token_invalid'));
          const grids =
            actor.scope.kind === 'grids' ? await this.places.communityOfGrids(actor.scope.gridIds) : new Map();
          socket.data = {
            claims,
            actor,
            home: homeJurisdictions(actor.scope, grids),
            presence: {},
            rate: { windowStart: 0, count: 0 },
          };
          socket.use((packet, go) => this.admit(socket, packet, go));
          next();
        })
        .catch((e: unknown) => next(e instanceof Error ? e : new Error(String(e))));
    });
    server.on('presence.street', (streetId) => this.scheduleOnline(streetId, false));
    this.relay.onDeliver((e) => this.deliver(e));
    this.sweep = setInterval(() => this.dropStalled(), QUEUE_SWEEP_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
    for (const t of this.onlineTimers.values()) clearTimeout(t);
    this.onlineTimers.clear();
  }

  async handleConnection(socket: BoardSocket): Promise<void> {
    const { actor } = socket.data;
    if (!actor) return;
    await socket.join(userRoom(actor.userId!));
    if (actor.scope.kind !== 'district') {
      await socket.join(presenceRoom(actor.scope.streetId));
      this.scheduleOnline(actor.scope.streetId, true);
    }
  }

  handleDisconnect(socket: BoardSocket): void {
    this.syncing.delete(socket);
    this.syncChains.delete(socket.id);
    const { actor, presence } = socket.data ?? {};
    if (!actor) return;
    if (actor.scope.kind !== 'district') this.scheduleOnline(actor.scope.streetId, true);
    for (const key of Object.keys(presence ?? {})) void this.broadcastItem(key).catch((e) => this.warn('presence', e));
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: BoardSocket, @MessageBody() body: unknown): Promise<Ack<{ upTo: number }>> {
    return this.handle(socket, 'sync', body, (actor, { since }) => {
      const prev = this.syncChains.get(socket.id) ?? Promise.resolve();
      const run = prev.catch(() => undefined).then(() => this.replay(socket, actor, since));
      this.syncChains.set(socket.id, run);
      return run;
    });
  }

  @SubscribeMessage('presence.set')
  setPresence(@ConnectedSocket() socket: BoardSocket, @MessageBody() body: unknown): Promise<Ack<ItemPresence>> {
    return this.handle(socket, 'presence.set', body, async (actor, { itemType, itemId, mode }) => {
      if (!this.items.has(itemType)) throw new SocketError('errors.validation', 'itemType', 'unknown item type');
      const j = await this.items.locate(itemType, itemId);
      if (!j || !this.policy.sees(actor, j)) throw new SocketError('errors.not_found', 'itemId');
      const key = itemRoom(itemType, itemId);
      socket.data.presence[key] = mode;
      await socket.join(key);
      return this.broadcastItem(key);
    });
  }

  @SubscribeMessage('presence.clear')
  clearPresence(@ConnectedSocket() socket: BoardSocket, @MessageBody() body: unknown): Promise<Ack<ItemPresence>> {
    return this.handle(socket, 'presence.clear', body, async (_actor, { itemType, itemId }) => {
      const key = itemRoom(itemType, itemId);
      if (!(key in socket.data.presence)) return { itemType, itemId, users: [] };
      delete socket.data.presence[key];
      await socket.leave(key);
      return this.broadcastItem(key);
    });
  }

  /**
   * Runs before any handler, for every packet: the rate and size limits and unknown message names.
   * A refused packet is answered on its acknowledgement and dropped; the connection stays.
   */
  private admit(socket: BoardSocket, packet: unknown[], next: (err?: Error) => void): void {
    const [name, ...args] = packet;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack) => void) : undefined;
    const refuse = (e: SocketError) => ack?.(errorAck(e));
    const now = Date.now();
    const rate = socket.data.rate;
    if (now - rate.windowStart >= SOCKET_RATE.windowMs) Object.assign(rate, { windowStart: now, count: 0 });
    if (++rate.count > SOCKET_RATE.messages) return refuse(new SocketError('errors.rate_limited'));
    if (Buffer.byteLength(JSON.stringify(args) ?? '') > SOCKET_MAX_PAYLOAD_BYTES) {
      return refuse(new SocketError('errors.payload_too_large'));
    }
    if (typeof name !== 'string' || !(name in CLIENT_MESSAGES)) {
      return refuse(new SocketError('errors.validation', 'event', `unknown message ${String(name)}`));
    }
    next();
  }

  /** Fresh authorization and schema validation; errors become acknowledgements. */
  private async handle<M extends ClientMessage, R>(
    socket: BoardSocket,
    name: M,
    body: unknown,
    fn: (actor: Actor, input: z.infer<(typeof CLIENT_MESSAGES)[M]>) => Promise<R>,
  ): Promise<Ack<R>> {
    try {
      const actor = await this.actors.fromClaims(socket.data.claims, null, socket.handshake.address);
      if (!actor) {
        // Disabled, deleted or logged out everywhere: the client must log in again.
        socket.emit('revoked', { code: 'errors.token_invalid' });
        disconnectAfterAck(socket);
        throw new SocketError('errors.token_invalid');
      }
      if (!sameScope(actor, socket.data.actor)) {
        // Rescoped: its rooms are wrong. It reconnects and joins the rooms of its new scope.
        disconnectAfterAck(socket);
        throw new SocketError('errors.forbidden');
      }
      const parsed = CLIENT_MESSAGES[name].safeParse(body);
      if (!parsed.success) {
        const first = fieldErrors(parsed.error.issues)[0];
        throw new SocketError('errors.validation', first?.field, first?.message);
      }
      return { ok: true, data: await fn(actor, parsed.data as z.infer<(typeof CLIENT_MESSAGES)[M]>) };
    } catch (e) {
      if (e instanceof SocketError) return errorAck(e);
      this.log.error({ err: e }, `socket ${name} failed`);
      return errorAck(new SocketError('errors.internal'));
    }
  }

  /** Replays (since, head] from the event table, then joins the live stream with no gap and no repeat. */
  private async replay(socket: BoardSocket, actor: Actor, since: number): Promise<{ upTo: number }> {
    const state: SyncState = { upTo: null, buffer: [] };
    this.syncing.set(socket, state);
    for (const room of scopeRooms(actor.scope)) void socket.leave(room);
    try {
      // Everything visible now, once the relay has passed it: up to the relay's position no seq is
      // still in flight, so the replay below misses none of them.
      const upTo = await this.events.latest();
      await this.relay.reached(upTo);
      state.upTo = upTo;
      state.buffer = state.buffer.filter((e) => e.seq > upTo);
      let after = since;
      while (after < upTo && socket.connected) {
        const batch = await this.events.visibleSince(actor.scope, after, upTo, SYNC_BATCH);
        for (const e of batch) socket.emit('event', envelope(e));
        if (batch.length < SYNC_BATCH) break;
        after = batch[batch.length - 1]!.seq;
        await this.drained(socket);
      }
      if (socket.connected && this.syncing.get(socket) === state) {
        for (const e of state.buffer) socket.emit('event', envelope(e));
        void socket.join(scopeRooms(actor.scope)); // synchronous for the in-memory and Redis adapters
        socket.emit('synced', { upTo });
      }
      return { upTo };
    } finally {
      if (this.syncing.get(socket) === state) this.syncing.delete(socket);
    }
  }

  /** Backpressure during replay: wait until the socket has taken what was queued. */
  private async drained(socket: BoardSocket): Promise<void> {
    const conn = socket.conn;
    if (!queued(socket)) return;
    const ok = await new Promise<boolean>((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        conn.off('drain', onDrain);
        conn.off('close', onClose);
        resolve(result);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), REPLAY_DRAIN_TIMEOUT_MS);
      conn.on('drain', onDrain);
      conn.on('close', onClose);
    });
    if (!ok) socket.disconnect(true);
  }

  private deliver(e: CommittedEvent): void {
    if (e.type === 'auth.user_changed') {
      // Disabled or rescoped: drop this instance's sockets of the user; they reconnect under the new scope.
      const userId = (e.payload as { userId?: string }).userId;
      if (userId) this.server.local.in(userRoom(userId)).disconnectSockets(true);
    }
    this.server.local.to(jurisdictionRooms(e.jurisdiction)).emit('event', envelope(e));
    for (const [socket, state] of this.syncing) {
      if ((state.upTo === null || e.seq > state.upTo) && canSee(socket.data.actor.scope, e.jurisdiction)) {
        state.buffer.push(e);
      }
    }
  }

  private dropStalled(): void {
    for (const socket of this.server.sockets.sockets.values()) {
      if (queued(socket) > MAX_QUEUED_PACKETS) {
        this.log.warn(`socket ${socket.id} of ${socket.data.actor?.username} stalled; disconnecting it`);
        socket.disconnect(true);
      }
    }
  }

  private async broadcastItem(key: string): Promise<ItemPresence> {
    const [, itemType = '', itemId = ''] = key.split(':');
    const sockets = await this.server.in(key).fetchSockets();
    const users = new Map<string, ItemPresence['users'][number]>();
    for (const s of sockets) {
      const mode = s.data.presence?.[key];
      if (!mode || !s.data.actor) continue;
      const prev = users.get(s.data.actor.userId!);
      if (!prev || mode === 'editing') users.set(s.data.actor.userId!, { ...onlineUser(s.data.actor), mode });
    }
    const presence: ItemPresence = { itemType, itemId, users: [...users.values()] };
    this.server.to(key).emit('presence.item', presence);
    return presence;
  }

  /** Coalesces connect/disconnect storms into one online-list refresh per street per second. */
  private scheduleOnline(streetId: string, tellOthers: boolean): void {
    // Other instances hold sockets of the same street: they refresh their own sockets' lists.
    if (tellOthers && this.redis) this.server.serverSideEmit('presence.street', streetId);
    if (this.onlineTimers.has(streetId)) return;
    const t = setTimeout(() => {
      this.onlineTimers.delete(streetId);
      this.broadcastOnline(streetId).catch((e) => this.warn('online list', e));
    }, ONLINE_COALESCE_MS);
    t.unref();
    this.onlineTimers.set(streetId, t);
  }

  /** Sends each of this instance's sockets on the street the users online in its jurisdiction. */
  private async broadcastOnline(streetId: string): Promise<void> {
    const room = presenceRoom(streetId);
    const everyone = (await this.server.in(room).fetchSockets()).filter((s) => s.data.actor);
    const byScope = new Map<string, OnlineUser[]>();
    for (const s of this.server.sockets.sockets.values()) {
      if (!s.rooms.has(room) || !s.data.actor) continue;
      const key = JSON.stringify(s.data.actor.scope);
      let users = byScope.get(key);
      if (!users) {
        const seen = new Map<string, OnlineUser>();
        for (const o of everyone)
          if (sharesJurisdiction(member(s.data), member(o.data)))
            seen.set(o.data.actor.userId!, onlineUser(o.data.actor));
        users = [...seen.values()];
        byScope.set(key, users);
      }
      s.emit('presence.online', { users });
    }
  }

  private warn(what: string, e: unknown): void {
    this.log.warn(`${what} broadcast failed: ${String(e)}`);
  }
}

/** The refusal's acknowledgement is sent from the handler's promise; the disconnect follows it. */
function disconnectAfterAck(socket: BoardSocket): void {
  setImmediate(() => socket.disconnect(true));
}

function errorAck(e: SocketError): Ack<never> {
  const msg = text(e.code, 'zh-CN');
  return {
    ok: false,
    code: e.code,
    message: e.detail ? `${msg}: ${e.detail}` : msg,
    ...(e.field ? { field: e.field } : {}),
  };
}

/** Packets engine.io holds for this socket that the transport has not taken yet (not in its typings). */
function queued(socket: BoardSocket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

function member(d: SocketData): PresenceMember {
  return { scope: d.actor.scope, home: d.home };
}

function envelope(e: CommittedEvent): BoardEvent {
  return { seq: e.seq, type: e.type, payload: e.payload, at: e.at, drillId: e.drillId };
}

function onlineUser(a: Actor): OnlineUser {
  return { userId: a.userId!, displayName: a.displayName, role: a.role };
}

function sameScope(a: Actor, b: Actor): boolean {
  return a.role === b.role && JSON.stringify(a.scope) === JSON.stringify(b.scope);
}
