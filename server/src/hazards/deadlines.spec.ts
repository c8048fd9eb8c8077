import { deadlineOf, defaultDeadline } from './deadlines';

describe('hazard deadlines', () => {
  it('reads a date as the end of that day in Asia/Shanghai, and a time as is', () => {
    expect(deadlineOf('2026-05-31').toISOString()).toBe('2026-05-31T15:59:59.999Z');
    expect(deadlineOf('2026-05-31T10:00:00+08:00').toISOString()).toBe('2026-05-31T02:00:00.000Z');
  });

  it('defaults by severity, counting Shanghai days', () => {
    // 23:30 in Shanghai on 1 May is already 1 May there (15:30 UTC).
    const now = new Date('2026-05-01T15:30:00Z');
    expect(defaultDeadline('high', now).toISOString()).toBe('2026-05-08T15:59:59.999Z');
    expect(defaultDeadline('critical', new Date('2026-05-01T16:30:00Z')).toISOString()).toBe(
      '2026-05-05T15:59:59.999Z',
    );
  });
});
