import type { Server } from 'node:http';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';

export interface TargetStats {
  rssMb: number;
  eldMeanMs: number;
  eldP99Ms: number;
  eldMaxMs: number;
  /**
   * Request head parsed → response finished, inside this process: a write answered late that spent
   * little time here waited in the generator or the kernel, not in this server.
   */
  requestP99Ms: number;
  requestMaxMs: number;
  /** Garbage collection: time in pauses, and the longest (a pause holds every request in flight). */
  gcMs: number;
  gcMaxMs: number;
  /** Share of one core this process used (user + system): what a write costs it, with `rate`. */
  cpu: number;
  /** Page faults and involuntary context switches in the period (process.resourceUsage). */
  minorFaults: number;
  preempted: number;
}
/** Answers {cmd:'stats'} on the IPC channel with RSS, event-loop delay and request times since the previous ask. */
export function serveStats(http: Server): void {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  let gc = { ms: 0, max: 0 };
  let since = { at: performance.now(), ru: process.resourceUsage() };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc = { ms: gc.ms + e.duration, max: Math.max(gc.max, e.duration) };
  }).observe({ entryTypes: ['gc'] });
  const requests = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  http.on('request', (_req, res) => {
    const t = performance.now();
    res.once('finish', () => requests.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000))));
  });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd !== 'stats') return;
    const now = performance.now();
    const ru = process.resourceUsage();
    const stats: TargetStats = {
      rssMb: process.memoryUsage().rss / 2 ** 20,
      eldMeanMs: eld.mean / 1e6,
      eldP99Ms: eld.percentile(99) / 1e6,
      eldMaxMs: eld.max / 1e6,
      requestP99Ms: requests.getValueAtPercentile(99) / 1000,
      requestMaxMs: requests.maxValue / 1000,
      gcMs: gc.ms,
      gcMaxMs: gc.max,
      // resourceUsage's CPU times are in µs; the period's wall time in ms.
      cpu:
        (ru.userCPUTime + ru.systemCPUTime - since.ru.userCPUTime - since.ru.systemCPUTime) / 1000 / (now - since.at),
      minorFaults: ru.minorPageFault - since.ru.minorPageFault,
      preempted: ru.involuntaryContextSwitches - since.ru.involuntaryContextSwitches,
    };
    since = { at: now, ru };
    gc = { ms: 0, max: 0 };
    eld.reset();
    requests.reset();
    process.send!({ stats });
  });
}
