/**
 * The load generator of the realtime benchmark, in its own process on its own core: holds the socket
 * clients of every target and sends an open-loop schedule of writes. Each write has a sequence number
 * and an intended send time; latency is receive time − intended time (so a server that falls behind
 * is charged for the queue, not hidden by it), recorded per delivery in an HDR histogram.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import { Pool } from 'undici';
import WebSocket from 'ws';

export type TargetName = 'gridboard' | 'socketio' | 'ws';
export interface ClientSpec {
  /** gridboard: the user's token; bare targets: the rooms it listens to. */
  token?: string;
  rooms: string[];
}
/** An incident written to (one per grid), with the rooms and clients its events reach. */
export interface WriteSpec {
  id: string;
  version: number;
  rooms: string[];
  /** Indexes of the clients that may see a write to it (shared `canSee`). */
  receivers: number[];
}
export interface RunSpec {
  target: TargetName;
  rate: number;
  durationMs: number;
  drainMs: number;
}
export interface RunResult extends RunSpec {
  sent: number;
  failedWrites: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Deliveries that came after a later write of the schedule (by sequence number). */
  reordered: number;
  /** Gridboard only: events that arrived on a socket after one with a higher seq (its guarantee: none). */
  seqInversions: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Write → answer (ms from the intended send time): where a slow delivery's time went. A high p99
   * here is the write path (HTTP, transaction, commit); a low one with a high delivery p99 is the relay
   * and fan-out, or this process stamping receipts late.
   */
  answerP99Ms: number;
  /** Write → request sent (ms from the intended send time): this process's own lateness. */
  sendLateP99Ms: number;
  /** Share of one core the generator used during the run: near 1, its own limits would be measured. */
  generatorCpu: number;
  /**
   * The generator's longest event-loop stall in the run: while it stalls, writes go out late and
   * receipts are stamped late, and both count as latency.
   */
  generatorLoopMaxMs: number;
}
type Msg =
  | { cmd: 'setup'; targets: WriteSpec[]; pad: string; writerToken: string }
  | { cmd: 'connect'; target: TargetName; url: string; clients: ClientSpec[]; since: number }
  | { cmd: 'writepath'; url: string; streetId: string; concurrency: number; durationMs: number }
  | { cmd: 'rawpg'; databaseUrl: string; streetId: string; concurrency: number; durationMs: number }
  | { cmd: 'replay'; url: string; token: string; since: number; count: number }
  | { cmd: 'run'; run: RunSpec }
  | { cmd: 'exit' };

const BENCH_NOTE = /^bench (\d+)$/;
let targets: WriteSpec[] = [];
let pad = '';
let writerToken = '';
const urls = new Map<TargetName, string>();
const sockets = new Map<TargetName, (Socket | WebSocket)[]>();

/** Per run: the intended send time of each write id, and each client's receipts. */
let current:
  | {
      base: number;
      intended: Float64Array;
      seen: Set<number>[];
      last: Int32Array;
      hist: hdr.Histogram;
      answers: hdr.Histogram;
      late: hdr.Histogram;
      delivered: number;
      duplicates: number;
      reordered: number;
      seqInversions: number;
    }
  | undefined;
/** Gridboard: the last event seq each client received. */
const lastSeq: number[] = [];
let nextId = 1;
/** When the last message of any run reached any client: a run starts once the previous one's tail has stopped. */
let lastArrival = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

/**
 * Writes go out over a bounded pool of keep-alive connections per target, with undici's `request`.
 * Node's `fetch` (web streams per request) used 40 % of the generator's core at 100 writes/s and
 * stalled it 56-107 ms; this, 21 % and 10-33 ms, and the baselines' p99 at 100/s fell from 70-130 ms
 * to 7-8 ms: what had been measured was the generator. Its unbounded connections also overflowed the
 * servers' listen queues at the highest rates. A write that finds every connection busy waits in the
 * pool's queue, and the wait counts as latency (its intended time is fixed).
 */
const MAX_CONNECTIONS = 128;
const pools = new Map<string, Pool>();
async function post(url: string, path: string, body: unknown, token?: string): Promise<{ ok: boolean; body: unknown }> {
  let pool = pools.get(url);
  if (!pool) pools.set(url, (pool = new Pool(url, { connections: MAX_CONNECTIONS })));
  const res = await pool.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { ok: res.statusCode >= 200 && res.statusCode < 300, body: await res.body.json() };
}

function receive(client: number, id: number): void {
  lastArrival = performance.now();
  const r = current;
  if (!r || id < r.base || id >= r.base + r.intended.length) return; // late from an earlier run
  const now = performance.now();
  if (r.seen[client]!.has(id)) {
    r.duplicates++;
    return;
  }
  r.seen[client]!.add(id);
  if (id < r.last[client]!) r.reordered++;
  r.last[client] = id;
  r.delivered++;
  r.hist.recordValue(Math.max(1, Math.round((now - r.intended[id - r.base]!) * 1000)));
}

async function connect(target: TargetName, url: string, clients: ClientSpec[], since: number): Promise<number> {
  urls.set(target, url);
  const list: (Socket | WebSocket)[] = [];
  const one = (spec: ClientSpec, i: number) =>
    new Promise<void>((resolve, reject) => {
      if (target === 'ws') {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/?rooms=${spec.rooms.join(',')}`);
        ws.on('message', (d) => receive(i, (JSON.parse(d.toString()) as { seq: number }).seq));
        ws.once('open', () => resolve());
        ws.once('error', reject);
        list[i] = ws;
        return;
      }
      const s = io(url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth: target === 'gridboard' ? { token: spec.token } : { rooms: spec.rooms },
        reconnection: false,
        forceNew: true,
      });
      list[i] = s;
      s.on('event', (e: { seq: number; payload?: { step?: { note?: string | null } } }) => {
        if (target !== 'gridboard') return receive(i, e.seq);
        lastArrival = performance.now();
        if (current && e.seq <= (lastSeq[i] ?? 0)) current.seqInversions++;
        lastSeq[i] = e.seq;
        const m = BENCH_NOTE.exec(e.payload?.step?.note ?? '');
        if (m) receive(i, Number(m[1]));
      });
      s.once('connect_error', reject);
      s.once('connect', () => {
        if (target !== 'gridboard') return resolve();
        // Gridboard streams only after a sync; since = the current head, so there is nothing to replay.
        s.emitWithAck('sync', { since }).then(() => resolve(), reject);
      });
    });
  // In waves, as a street's screens come online, not one storm.
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map((c, k) => one(c, i + k)));
  }
  sockets.set(target, list);
  return list.length;
}

/**
 * The board's write, an incident update: 督办 (`supervise`, the bench's admin urging the item on) with
 * the version it is based on and a note naming the write. It keeps the item's state, so it can repeat.
 */
async function superviseIncident(url: string, target: WriteSpec, note: string): Promise<boolean> {
  const { ok, body } = await post(
    url,
    `/api/incidents/${target.id}/actions/supervise`,
    { version: target.version, note },
    writerToken,
  );
  const version = (body as { incident?: { version?: unknown } }).incident?.version;
  if (ok && typeof version === 'number') target.version = version;
  return ok && typeof version === 'number';
}

const latencyHistogram = () =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

async function run(spec: RunSpec): Promise<RunResult> {
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const clients = sockets.get(spec.target)!.length;
  const r = {
    base: nextId,
    intended: new Float64Array(total),
    seen: Array.from({ length: clients }, () => new Set<number>()),
    last: new Int32Array(clients),
    hist: latencyHistogram(),
    answers: latencyHistogram(),
    late: latencyHistogram(),
    delivered: 0,
    duplicates: 0,
    reordered: 0,
    seqInversions: 0,
  };
  nextId += total;
  await quiet();
  current = r;
  const url = urls.get(spec.target)!;
  let expected = 0;
  let failedWrites = 0;
  const chains = new Map<string, Promise<void>>();
  const bare: Promise<void>[] = [];
  // The previous run's garbage (its 1,000 sets of seen writes) is collected now, not during this run's
  // schedule, where a major collection stalled the generator 250-310 ms (needs --expose-gc, realtime.ts).
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  loopDelay.reset();

  const since = (h: hdr.Histogram, i: number) =>
    h.recordValue(Math.max(1, Math.round((performance.now() - r.intended[i]!) * 1000)));
  const answered = (i: number) => since(r.answers, i);
  const send = (i: number) => {
    const id = r.base + i;
    const target = targets[i % targets.length]!;
    expected += target.receivers.length;
    if (spec.target !== 'gridboard') {
      since(r.late, i);
      bare.push(
        post(url, '/write', { seq: id, rooms: target.rooms, pad }).then(
          (res) => void (res.ok ? answered(i) : failedWrites++),
          () => void failedWrites++,
        ),
      );
      return;
    }
    // One write in flight per incident (its version comes back with the answer); the wait counts as latency.
    const prev = chains.get(target.id) ?? Promise.resolve();
    const next = prev.then(async () => {
      since(r.late, i);
      try {
        if (await superviseIncident(url, target, `bench ${id}`)) answered(i);
        else failedWrites++;
      } catch {
        failedWrites++;
      }
    });
    chains.set(target.id, next);
  };

  // Open loop: write i is due at t0 + i/rate, whether or not earlier ones have been answered.
  const t0 = performance.now() + 50;
  const interval = 1000 / spec.rate;
  for (let i = 0; i < total; i++) r.intended[i] = t0 + i * interval;
  await new Promise<void>((done) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && r.intended[i]! <= now) send(i++);
      if (i < total) setTimeout(tick, Math.max(0, r.intended[i]! - performance.now()));
      else done();
    };
    setTimeout(tick, 50);
  });
  // Every write answered (or failed), then its events given up to `drainMs` to arrive.
  await Promise.all([...chains.values(), ...bare]);
  const allAnswered = performance.now();
  while (r.delivered < expected && performance.now() - allAnswered < spec.drainMs) {
    await new Promise((res) => setTimeout(res, 20));
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  current = undefined;
  return {
    ...spec,
    sent: total,
    failedWrites,
    expected,
    delivered: r.delivered,
    lost: expected - r.delivered,
    duplicates: r.duplicates,
    reordered: r.reordered,
    seqInversions: r.seqInversions,
    p50Ms: r.hist.getValueAtPercentile(50) / 1000,
    p99Ms: r.hist.getValueAtPercentile(99) / 1000,
    maxMs: r.hist.maxValue / 1000,
    answerP99Ms: r.answers.getValueAtPercentile(99) / 1000,
    sendLateP99Ms: r.late.getValueAtPercentile(99) / 1000,
    generatorCpu: (cpu.user + cpu.system) / 1000 / wall,
    generatorLoopMaxMs: loopDelay.max / 1e6,
  };
}

/**
 * Waits until no message has arrived for QUIET_MS (at most QUIET_MAX_MS): a target that fell behind
 * in the previous run (a bare server still flushing its sockets after 1,600 writes/s) would otherwise
 * keep this process busy during the next run and charge its stalls to that run's target.
 */
const QUIET_MS = 1_000;
const QUIET_MAX_MS = 30_000;
async function quiet(): Promise<void> {
  const start = performance.now();
  while (performance.now() - lastArrival < QUIET_MS && performance.now() - start < QUIET_MAX_MS) {
    await new Promise((res) => setTimeout(res, 100));
  }
}

export interface ThroughputResult {
  writes: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Closed loop: `concurrency` workers each write, wait for the answer, write again; each on its own
 * incidents of one street (so that street has the events for the replay measurement).
 */
async function closedLoop(
  streetId: string,
  concurrency: number,
  durationMs: number,
  write: (worker: number, target: WriteSpec, n: number) => Promise<void>,
): Promise<ThroughputResult> {
  const hist = latencyHistogram();
  const end = performance.now() + durationMs;
  let writes = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      const street = targets.filter((g) => g.rooms.includes(`street:${streetId}`));
      const mine = street.filter((_g, i) => i % concurrency === w);
      for (let n = 0; performance.now() < end; n++) {
        const t = performance.now();
        await write(w, mine[n % mine.length]!, nextId++);
        hist.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000)));
        writes++;
      }
    }),
  );
  return {
    writes,
    perSecond: writes / (durationMs / 1000),
    p50Ms: hist.getValueAtPercentile(50) / 1000,
    p99Ms: hist.getValueAtPercentile(99) / 1000,
  };
}

/** The API's write path: an incident update through HTTP, auth, policy, transaction with entity + step + audit + event. */
function writePath(url: string, streetId: string, concurrency: number, durationMs: number): Promise<ThroughputResult> {
  return closedLoop(streetId, concurrency, durationMs, async (_w, target, n) => {
    if (!(await superviseIncident(url, target, `bench ${n}`))) throw new Error(`write ${n} failed`);
  });
}

/** The floor: raw `pg`, the same row writes in one transaction (versioned update, timeline step, audit row, event). */
async function rawPg(
  databaseUrl: string,
  streetId: string,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
  try {
    return await closedLoop(streetId, concurrency, durationMs, async (_w, target, n) => {
      const note = `bench ${n}`;
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const up = await c.query<{ version: number; street_id: string; community_id: string; grid_id: string }>(
          `UPDATE incident SET supervision_count = supervision_count + 1, last_supervised_at = now(),
                  version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 RETURNING version, street_id, community_id, grid_id`,
          [target.id, target.version],
        );
        const row = up.rows[0];
        if (!row) throw new Error('stale version');
        await c.query(
          `INSERT INTO incident_step (incident_id, at, actor_name, actor_role, action, from_state, to_state, note)
           VALUES ($1, now(), 'bench', 'admin', 'supervise', 'in_progress', 'in_progress', $2)`,
          [target.id, note],
        );
        await c.query(
          `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, result, before, after, street_id)
           VALUES (NULL, 'bench', 'admin', 'incident.supervise', 'incident', $1, 'ok', $2, $3, $4)`,
          [target.id, { version: target.version }, { version: row.version }, row.street_id],
        );
        // The same event insert as the board's: its seq is assigned at commit (migration EventSeqAtCommit).
        await c.query(
          `INSERT INTO event (seq, type, payload, street_id, community_id, grid_id)
           VALUES (-nextval('event_provisional_seq'), 'incident.changed', $1, $2, $3, $4)`,
          [
            { incident: { id: target.id, version: row.version }, step: { note } },
            row.street_id,
            row.community_id,
            row.grid_id,
          ],
        );
        await c.query('COMMIT');
        target.version = row.version;
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      } finally {
        c.release();
      }
    });
  } finally {
    await pool.end();
  }
}

/** A client that was away while `count` events it may see were written reconnects: time until caught up. */
async function replay(
  url: string,
  token: string,
  since: number,
  count: number,
): Promise<{ ms: number; received: number }> {
  const s = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    let received = 0;
    s.on('event', () => received++);
    const t = performance.now();
    await s.emitWithAck('sync', { since });
    const ms = performance.now() - t;
    if (received < count) throw new Error(`replayed ${received} of ${count}`);
    return { ms, received };
  } finally {
    s.close();
  }
}

process.on('message', (m: Msg) => {
  const reply = (p: Promise<unknown>) =>
    p.then(
      (result) => process.send!({ result }),
      (e: unknown) => process.send!({ error: String(e instanceof Error ? e.stack : e) }),
    );
  switch (m.cmd) {
    case 'setup':
      targets = m.targets;
      pad = m.pad;
      writerToken = m.writerToken;
      return void reply(Promise.resolve(targets.length));
    case 'connect':
      return void reply(connect(m.target, m.url, m.clients, m.since));
    case 'writepath':
      return void reply(writePath(m.url, m.streetId, m.concurrency, m.durationMs));
    case 'rawpg':
      return void reply(rawPg(m.databaseUrl, m.streetId, m.concurrency, m.durationMs));
    case 'replay':
      return void reply(replay(m.url, m.token, m.since, m.count));
    case 'run':
      return void reply(run(m.run));
    case 'exit':
      for (const list of sockets.values()) for (const s of list) s.close();
      for (const pool of pools.values()) void pool.destroy();
      process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0)); // the orchestrator is gone: so is the load
process.send!({ ready: true });
