import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './per-frame';

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // Frames every 16 ms on the fake clock (node has no animation frames).
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => setTimeout(() => run(performance.now()), 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs a burst of calls together: at the next frame, then at most once per interval', () => {
    const run = vi.fn();
    const call = coalesce(run, 250);
    call();
    call();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);
    for (let t = 0; t < 20; t++) {
      call();
      vi.advanceTimersByTime(10);
    }
    // 200 ms of calls after the first run: held until 250 ms after it, then one frame.
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(90);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs the calls of one interval in the same frame', () => {
    const ran: [string, number][] = [];
    const feed = coalesce(() => ran.push(['feed', performance.now()]), 400);
    const markers = coalesce(() => ran.push(['markers', performance.now()]), 400);
    feed();
    vi.advanceTimersByTime(20);
    vi.advanceTimersByTime(100);
    markers();
    vi.advanceTimersByTime(100);
    feed();
    vi.advanceTimersByTime(500);
    expect(ran.map(([what]) => what)).toEqual(['feed', 'markers', 'feed']);
    expect(ran[1]![1]).toBe(ran[2]![1]);
    expect(ran[1]![1] - ran[0]![1]).toBeGreaterThanOrEqual(400);
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const call = coalesce(run, 300);
    call();
    call.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
    call();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
