/**
 * What a Chromium trace of the board's burst says about its frames (`pnpm bench board --trace`):
 * CPU per thread, how often the page committed and the display compositor drew, the canvas copies
 * per commit, and each gap between animation frames over 50 ms with what ran in it.
 */
interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const GAP_US = 50_000;
const ms = (us: number) => (us / 1000).toFixed(0);

export function summariseTrace(json: string): string[] {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const all = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const names = new Map<string, string>();
  for (const e of all)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of all) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const k = `${e.pid}:${e.tid}`;
    byThread.set(k, [...(byThread.get(k) ?? []), e]);
  }
  /** CPU of a thread's outermost events starting in [from, to). */
  const cpu = (events: TraceEvent[], from = -Infinity, to = Infinity) => {
    let end = -Infinity;
    let sum = 0;
    for (const e of events) {
      if (e.ts < end || e.ts < from || e.ts >= to) continue;
      sum += e.tdur ?? 0;
      end = e.ts + e.dur!;
    }
    return sum;
  };
  for (const events of byThread.values()) events.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const main = [...byThread].find(([k]) => names.get(k) === 'CrRendererMain')?.[1] ?? [];
  const count = (name: string, events = [...byThread.values()].flat()) => events.filter((e) => e.name === name);

  const threads = [...byThread]
    .map(([k, events]) => ({ name: names.get(k) ?? k, cpu: cpu(events) }))
    .filter((t) => t.cpu >= 50_000)
    .sort((a, b) => b.cpu - a.cpu);
  const commits = count('LayerTreeHost::DoUpdateLayers', main);
  const copies = count('Canvas2DResourceProvider::ProduceCanvasResource', main);
  const frames = count('FireAnimationFrame', main);
  const lines = [
    `CPU by thread (ms): ${threads.map((t) => `${t.name} ${ms(t.cpu)}`).join(', ')}`,
    `animation frames ${frames.length}, commits with layer updates ${commits.length}, canvas copies ${copies.length} ` +
      `(${ms(copies.reduce((s, e) => s + (e.tdur ?? 0), 0))} ms), canvases drawn on ${count('CanvasRenderingContext2D::FinalizeFrame', main).length}, ` +
      `display compositor draws ${count('Display::DrawAndSwap').length}`,
  ];
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1]!.ts, frames[i]!.ts];
    if (b - a <= GAP_US) continue;
    const busy = [...byThread]
      .map(([k, events]) => [names.get(k) ?? k, cpu(events, a, b)] as const)
      .filter(([, c]) => c >= 2000)
      .map(([n, c]) => `${n} ${ms(c)}`);
    lines.push(`gap of ${ms(b - a)} ms at ${ms(a - frames[0]!.ts)} ms; CPU in it (ms): ${busy.join(', ')}`);
  }
  return lines;
}
