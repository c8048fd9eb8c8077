import { describe, expect, it } from 'vitest';
import { auditFilters, auditFormFromQuery, auditFormToQuery, beijingToIso, emptyAuditForm } from './audit-filters';

describe('audit search form', () => {
  it('reads the time range as Beijing wall-clock time, whatever the browser zone', () => {
    expect(beijingToIso('2026-03-05 14:00:00')).toBe('2026-03-05T14:00:00+08:00');
    expect(new Date(beijingToIso('2026-03-06 00:07:09')!).toISOString()).toBe('2026-03-05T16:07:09.000Z');
    expect(beijingToIso('2026-03-05')).toBeUndefined();
    expect(beijingToIso('')).toBeUndefined();
  });

  it('leaves empty fields out of the query and trims the rest', () => {
    const f = { ...emptyAuditForm(), actor: ' duty1 ', action: 'pii.*', result: 'ok' as const };
    expect(auditFilters(f, 20, 40)).toEqual({
      from: undefined,
      to: undefined,
      actor: 'duty1',
      action: 'pii.*',
      objectType: undefined,
      objectId: undefined,
      result: 'ok',
      limit: 20,
      offset: 40,
    });
  });

  it('round-trips through the address bar and drops values the server would refuse', () => {
    const f = { ...emptyAuditForm(), from: '2026-03-05 08:00:00', objectType: 'person', result: 'denied' as const };
    expect(auditFormFromQuery(auditFormToQuery(f) as Record<string, string>)).toEqual(f);
    expect(auditFormFromQuery({ from: 'yesterday', result: 'maybe', actor: ['a', 'b'] })).toEqual(emptyAuditForm());
  });
});
