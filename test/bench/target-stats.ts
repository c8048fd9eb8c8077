import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface TargetStats {
  rssMb: number;
  eldMeanMs: number;
  eldP99Ms: number;
  eldMaxMs: number;
}
/** Answers {cmd:'stats'} on the IPC channel with RSS and event-loop delay since the previous ask. */
export function serveStats(): void {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd !== 'stats') return;
    const stats: TargetStats = {
      rssMb: process.memoryUsage().rss / 2 ** 20,
      eldMeanMs: eld.mean / 1e6,
      eldP99Ms: eld.percentile(99) / 1e6,
      eldMaxMs: eld.max / 1e6,
    };
    eld.reset();
    process.send!({ stats });
  });
}
