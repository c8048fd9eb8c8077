import { describe, expect, it } from 'vitest';
import { formatShanghai } from './useShanghaiTime';

describe('formatShanghai', () => {
  it('shows Beijing time whatever the machine zone, in one numeric layout', () => {
    const instant = Date.UTC(2026, 2, 5, 16, 7, 9); // 2026-03-06 00:07:09 in Beijing
    expect(formatShanghai(instant, 'zh-CN')).toBe('2026-03-06 00:07:09');
    expect(formatShanghai(instant, 'en-US', 'clock')).toBe('2026-03-06 Fri 00:07:09');
    expect(formatShanghai(instant, 'zh-CN', 'clock')).toBe('2026-03-06 周五 00:07:09');
  });
});
