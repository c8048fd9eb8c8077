import type { Whistle } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { countdown, nextDeadline } from './whistle-clock';

describe('whistle countdown', () => {
  it('counts down to the nearest 报到 deadline of departments not yet on site', () => {
    const summons = (state: string, deadline: string) => ({ state, deadline });
    const w = {
      summons: [
        summons('on_site', '2026-03-05T08:00:00Z'),
        summons('acknowledged', '2026-03-05T08:30:00Z'),
        summons('summoned', '2026-03-05T08:20:00Z'),
      ],
    } as unknown as Whistle;
    expect(nextDeadline(w)).toBe(Date.parse('2026-03-05T08:20:00Z'));
    expect(nextDeadline({ summons: [summons('reported', '2026-03-05T08:00:00Z')] } as unknown as Whistle)).toBeNull();
  });

  it('shows mm:ss, h:mm:ss for long waits, and a minus once the deadline has passed', () => {
    expect(countdown(29 * 60_000 + 41_000)).toBe('29:41');
    expect(countdown(2 * 3_600_000 + 5 * 60_000)).toBe('2:05:00');
    expect(countdown(-65_000)).toBe('-01:05');
  });
});
