/**
 * A baseline target of the realtime benchmark, in its own process (pinned to a core by the orchestrator):
 *   TARGET=socketio   a bare socket.io server: POST /write broadcasts to rooms; no database, no auth
 *   TARGET=ws         a bare `ws` server: POST /write sends to the subscribed sockets; no database, no auth
 * The same write schedule and clients as the real server (realtime-gridboard.ts).
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveStats } from './target-stats';

/** A bare "write": which rooms receive it, and a payload of the size of a real event. */
export interface BareWrite {
  seq: number;
  rooms: string[];
  pad: string;
}

function readJson<T>(req: IncomingMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    req.on('error', reject);
  });
}

/** POST /write → `broadcast`; anything else 404. */
function writeEndpoint(broadcast: (w: BareWrite) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/write') {
      res.writeHead(404).end();
      return;
    }
    readJson<BareWrite>(req).then(
      (w) => {
        broadcast(w);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      },
      () => res.writeHead(400).end(),
    );
  };
}

async function bareSocketIo(port: number): Promise<HttpServer> {
  // Requests arrive only after `io` exists.
  const http = createServer(writeEndpoint((w) => io.to(w.rooms).emit('event', { seq: w.seq, pad: w.pad })));
  const io = new Server(http, { path: '/socket.io', transports: ['websocket'] });
  io.on('connection', (s) => void s.join((s.handshake.auth as { rooms: string[] }).rooms));
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  return http;
}

async function bareWs(port: number): Promise<HttpServer> {
  const rooms = new Map<string, Set<WebSocket>>();
  const http = createServer(
    writeEndpoint((w) => {
      const to = new Set<WebSocket>();
      for (const r of w.rooms) for (const s of rooms.get(r) ?? []) to.add(s);
      const msg = JSON.stringify({ seq: w.seq, pad: w.pad });
      for (const s of to) s.send(msg);
    }),
  );
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (s, req) => {
    const mine = new URL(req.url ?? '/', 'http://x').searchParams.get('rooms')?.split(',') ?? [];
    for (const r of mine) {
      if (!rooms.has(r)) rooms.set(r, new Set());
      rooms.get(r)!.add(s);
    }
    s.on('close', () => mine.forEach((r) => rooms.get(r)?.delete(s)));
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  return http;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0);
  const http = process.env.TARGET === 'ws' ? await bareWs(port) : await bareSocketIo(port);
  serveStats(http);
  process.on('message', (m: { cmd?: string }) => m.cmd === 'exit' && process.exit(0));
  process.on('disconnect', () => process.exit(0)); // never outlive the orchestrator
  process.send!({ ready: (http.address() as AddressInfo).port });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
