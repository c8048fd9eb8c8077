import { describe, expect, it } from 'vitest';
import { formatShanghai, shanghaiTimeOfDay } from './useShanghaiTime';

describe('formatShanghai', () => {
  it('shows Beijing time whatever the machine zone, in one numeric layout', () => {
    const instant = Date.UTC(2026, 2, 5, 16, 7, 9); // 2026-03-06 00:07:09 in Beijing
    expect(formatShanghai(instant, 'zh-CN')).toBe('2026-03-06 00:07:09');
    expect(formatShanghai(instant, 'en-US', 'clock')).toBe('2026-03-06 Fri 00:07:09');
    expect(formatShanghai(instant, 'zh-CN', 'clock')).toBe('2026-03-06 周五 00:07:09');
  });
});

describe('shanghaiTimeOfDay', () => {
  it('is the time part of formatShanghai, from an ISO string or ms', () => {
    const instants = [Date.UTC(2026, 2, 5, 16, 7, 9), Date.UTC(2026, 10, 23, 7, 59, 59, 999), Date.UTC(1999, 0, 1)];
    for (const ms of instants) {
      expect(shanghaiTimeOfDay(ms)).toBe(formatShanghai(ms, 'zh-CN').slice(11));
      expect(shanghaiTimeOfDay(new Date(ms).toISOString())).toBe(formatShanghai(ms, 'en-US').slice(11));
    }
  });
});
