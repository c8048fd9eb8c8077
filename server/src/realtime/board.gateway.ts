import { Logger } from '@nestjs/common';
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

interface SocketData {
  claims: AccessClaims;
  actor: Actor;
  /** itemKey → mode; plain object so the Redis adapter can carry it between instances. */
  presence: Record<string, 'viewing' | 'editing'>;
  rate: { windowStart: number; count: number };
}
type BoardSocket = Socket<Record<string, never>, ServerToClient, Record<string, never>, SocketData>;
type BoardServer = Server<Record<string, never>, ServerToClient, Record<string, never>, SocketData>;

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
 * The only place that speaks socket.io. Authenticates the handshake (Nest guards do not run on
 * connection), joins the rooms the policy allows, replays missed events on `sync`, streams the
 * relay's in-order events, and tracks presence. Every client message is re-authorized.
 */
@WebSocketGateway({ path: SOCKET_PATH, cors: { origin: true }, maxHttpBufferSize: 1_000_000 })
export class BoardGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server: BoardServer;
  private readonly log = new Logger(BoardGateway.name);
  private readonly onlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly tokens: AccessTokens,
    private readonly actors: ActorResolver,
    private readonly policy: Policy,
    private readonly events: EventLogRepository,
    private readonly relay: EventRelay,
    private readonly items: ItemLocator,
  ) {}

  afterInit(server: BoardServer): void {
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const claims = typeof token === 'string' ? this.tokens.verify(token) : null;
      if (!claims) return next(new Error('errors.unauthorized'));
      this.actors
        .fromClaims(claims, null, socket.handshake.address)
        .then((actor) => {
          if (!actor) return next(new Error('errors.token_invalid'));
          socket.data = { claims, actor, presence: {}, rate: { windowStart: 0, count: 0 } };
          next();
        })
        .catch((e: unknown) => next(e instanceof Error ? e : new Error(String(e))));
    });
    this.relay.onDeliver((e) => this.deliver(e));
  }

  async handleConnection(socket: BoardSocket): Promise<void> {
    const { actor } = socket.data;
    if (!actor) return;
    await socket.join([...scopeRooms(actor.scope), userRoom(actor.userId!)]);
    if (actor.scope.kind !== 'district') {
      await socket.join(presenceRoom(actor.scope.streetId));
      this.scheduleOnline(actor.scope.streetId);
    }
  }

  handleDisconnect(socket: BoardSocket): void {
    const { actor, presence } = socket.data ?? {};
    if (!actor) return;
    if (actor.scope.kind !== 'district') this.scheduleOnline(actor.scope.streetId);
    for (const key of Object.keys(presence ?? {})) void this.broadcastItem(key);
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: BoardSocket, @MessageBody() body: unknown): Promise<Ack<{ upTo: number }>> {
    return this.handle(socket, 'sync', body, async (actor, { since }) => {
      const upTo = await this.events.head();
      let after = since;
      for (;;) {
        const batch = await this.events.visibleSince(actor.scope, after, upTo, SYNC_BATCH);
        for (const e of batch) socket.emit('event', envelope(e));
        if (batch.length < SYNC_BATCH) break;
        after = batch[batch.length - 1]!.seq;
      }
      socket.emit('synced', { upTo });
      return { upTo };
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

  /** Size and rate limits, fresh authorization, schema validation; errors become acknowledgements. */
  private async handle<M extends ClientMessage, R>(
    socket: BoardSocket,
    name: M,
    body: unknown,
    fn: (actor: Actor, input: z.infer<(typeof CLIENT_MESSAGES)[M]>) => Promise<R>,
  ): Promise<Ack<R>> {
    try {
      const now = Date.now();
      const rate = socket.data.rate;
      if (now - rate.windowStart >= SOCKET_RATE.windowMs) Object.assign(rate, { windowStart: now, count: 0 });
      if (++rate.count > SOCKET_RATE.messages) throw new SocketError('errors.rate_limited');
      if (Buffer.byteLength(JSON.stringify(body ?? null)) > SOCKET_MAX_PAYLOAD_BYTES) {
        throw new SocketError('errors.payload_too_large');
      }
      const actor = await this.actors.fromClaims(socket.data.claims, null, socket.handshake.address);
      if (!actor || !sameScope(actor, socket.data.actor)) {
        this.revoke(socket, 'errors.token_invalid');
        throw new SocketError('errors.token_invalid');
      }
      const parsed = CLIENT_MESSAGES[name].safeParse(body);
      if (!parsed.success) {
        const first = fieldErrors(parsed.error.issues)[0];
        throw new SocketError('errors.validation', first?.field, first?.message);
      }
      return { ok: true, data: await fn(actor, parsed.data as z.infer<(typeof CLIENT_MESSAGES)[M]>) };
    } catch (e) {
      if (e instanceof SocketError) {
        const msg = text(e.code, 'zh-CN');
        return {
          ok: false,
          code: e.code,
          message: e.detail ? `${msg}: ${e.detail}` : msg,
          ...(e.field ? { field: e.field } : {}),
        };
      }
      this.log.error({ err: e }, `socket ${name} failed`);
      return { ok: false, code: 'errors.internal', message: text('errors.internal', 'zh-CN') };
    }
  }

  private deliver(e: CommittedEvent): void {
    if (e.type === 'auth.user_changed') {
      // Disabled or rescoped: drop this instance's sockets of the user; they reconnect under the new scope.
      const userId = (e.payload as { userId?: string }).userId;
      if (userId) this.server.local.in(userRoom(userId)).disconnectSockets(true);
    }
    this.server.local.to(jurisdictionRooms(e.jurisdiction)).emit('event', envelope(e));
  }

  private revoke(socket: BoardSocket, code: string): void {
    socket.emit('revoked', { code });
    socket.disconnect(true);
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

  /** Coalesces connect/disconnect storms into one online-list broadcast per street per second. */
  private scheduleOnline(streetId: string): void {
    if (this.onlineTimers.has(streetId)) return;
    const t = setTimeout(() => {
      this.onlineTimers.delete(streetId);
      void this.broadcastOnline(streetId);
    }, 1_000);
    t.unref();
    this.onlineTimers.set(streetId, t);
  }

  private async broadcastOnline(streetId: string): Promise<void> {
    try {
      const room = presenceRoom(streetId);
      const sockets = await this.server.in(room).fetchSockets();
      const users = new Map<string, OnlineUser>();
      for (const s of sockets) if (s.data.actor) users.set(s.data.actor.userId!, onlineUser(s.data.actor));
      this.server.to(room).emit('presence.online', { users: [...users.values()] });
    } catch (e) {
      this.log.warn(`online broadcast failed: ${String(e)}`);
    }
  }
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
