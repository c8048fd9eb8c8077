import { addWorkingHours, pickRule, shanghaiDate } from './working-time';

const weekdays = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

describe('working time', () => {
  it('takes the Shanghai calendar day', () => {
    expect(shanghaiDate(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
  });

  it('skips non-working days and counts only their hours', () => {
    // Friday 2026-03-06 20:00 +08:00, 8 working hours: 4 h on Friday, the weekend skipped, 4 h on Monday.
    const start = new Date('2026-03-06T20:00:00+08:00');
    expect(addWorkingHours(start, 8, weekdays).toISOString()).toBe(new Date('2026-03-09T04:00:00+08:00').toISOString());
    // Starting on a Saturday: the clock starts on Monday at midnight.
    expect(addWorkingHours(new Date('2026-03-07T10:00:00+08:00'), 2, weekdays).toISOString()).toBe(
      new Date('2026-03-09T02:00:00+08:00').toISOString(),
    );
  });

  it('picks the most specific rule, a source override first', () => {
    const rules = [
      { id: 'any', category: null, severity: null, source: null },
      { id: 'crit', category: null, severity: 'critical', source: null },
      { id: 'fire', category: 'fire', severity: null, source: null },
      { id: 'fire-crit', category: 'fire', severity: 'critical', source: null },
      { id: 'hotline', category: null, severity: null, source: 'hotline_12345' },
    ] as const;
    const pick = (category: string, severity: 'low' | 'critical', source: 'grid_patrol' | 'hotline_12345') =>
      pickRule(rules, { category, severity, source })?.id;
    expect(pick('noise', 'low', 'grid_patrol')).toBe('any');
    expect(pick('noise', 'critical', 'grid_patrol')).toBe('crit');
    expect(pick('fire', 'low', 'grid_patrol')).toBe('fire');
    expect(pick('fire', 'critical', 'grid_patrol')).toBe('fire-crit');
    expect(pick('fire', 'critical', 'hotline_12345')).toBe('hotline');
  });
});
