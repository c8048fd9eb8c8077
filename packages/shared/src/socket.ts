import { z } from 'zod';
import type { BoardEvent } from './events';

/** Socket.io lives at this path; clients authenticate with `auth: {token}` in the handshake. */
export const SOCKET_PATH = '/socket.io';
/** Larger client messages are refused (the connection stays). */
export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;
/** Each socket may send this many messages per window; more are refused with `rate_limited`. */
export const SOCKET_RATE = { messages: 30, windowMs: 1_000 } as const;
/** Replay pages: a reconnecting client receives missed events in batches of this size. */
export const SYNC_BATCH = 500;

export const syncSchema = z.object({ since: z.number().int().min(0) });
export const presenceSchema = z.object({
  itemType: z.string().min(1).max(40),
  itemId: z.string().min(1).max(64),
  mode: z.enum(['viewing', 'editing']),
});
export const presenceLeaveSchema = z.object({ itemType: z.string().min(1).max(40), itemId: z.string().min(1).max(64) });

/** Client → server messages and their payload schemas. Every one is acknowledged with an Ack. */
export const CLIENT_MESSAGES = {
  sync: syncSchema,
  'presence.set': presenceSchema,
  'presence.clear': presenceLeaveSchema,
} as const;
export type ClientMessage = keyof typeof CLIENT_MESSAGES;

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: string; message: string; field?: string };

export interface OnlineUser {
  userId: string;
  displayName: string;
  role: string;
}
export interface ItemPresence {
  itemType: string;
  itemId: string;
  users: (OnlineUser & { mode: 'viewing' | 'editing' })[];
}

/** Server → client messages. */
export interface ServerToClient {
  event: (e: BoardEvent) => void;
  /** Replay finished: everything up to `upTo` that this user may see has been sent. */
  synced: (p: { upTo: number }) => void;
  'presence.online': (p: { users: OnlineUser[] }) => void;
  'presence.item': (p: ItemPresence) => void;
  /** The server ends the session: disabled, rescoped or logged out. */
  revoked: (p: { code: string }) => void;
}
