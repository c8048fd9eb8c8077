import type { DeadlineRule, IncidentSource, Severity } from '@gridboard/shared';

/** China has one time zone and no daylight saving: local time is always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** No deadline rule spans more than a year; a calendar without a workday for this long is broken. */
const MAX_DAYS = 800;

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDate(t: Date): string {
  return new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the Shanghai day after `t`'s begins. */
function nextShanghaiMidnight(t: Date): Date {
  const local = t.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * `hours` later, counting only time that falls on working days (法定工作日): public holidays and
 * weekends are skipped, 调休 make-up Saturdays count. A report on Friday evening with 8 working
 * hours left is due Monday 08:00 (or the Saturday, if that Saturday is a make-up workday).
 */
export function addWorkingHours(start: Date, hours: number, isWorkday: (date: string) => boolean): Date {
  let remaining = hours * 3_600_000;
  let cursor = start;
  for (let i = 0; i < MAX_DAYS; i++) {
    const dayEnd = nextShanghaiMidnight(cursor);
    if (isWorkday(shanghaiDate(cursor))) {
      const available = dayEnd.getTime() - cursor.getTime();
      if (remaining <= available) return new Date(cursor.getTime() + remaining);
      remaining -= available;
    }
    cursor = dayEnd;
  }
  throw new Error(`no working day within ${MAX_DAYS} days of ${start.toISOString()}`);
}

export type RuleInput = Pick<DeadlineRule, 'category' | 'severity' | 'source'>;

/** `category|severity|source` with `*` for any: one rule per combination. */
export function ruleMatchKey(r: RuleInput): string {
  return `${r.category ?? '*'}|${r.severity ?? '*'}|${r.source ?? '*'}`;
}

/**
 * The rule for an incident: every field a rule names must match, and the most specific wins. A
 * source override (12345 has its own time limits) outweighs category + severity together; a
 * category outweighs a severity.
 */
export function pickRule<R extends RuleInput>(
  rules: readonly R[],
  i: { category: string; severity: Severity; source: IncidentSource },
): R | undefined {
  let best: R | undefined;
  let bestScore = -1;
  for (const r of rules) {
    if (r.category !== null && r.category !== i.category) continue;
    if (r.severity !== null && r.severity !== i.severity) continue;
    if (r.source !== null && r.source !== i.source) continue;
    const score = (r.source ? 4 : 0) + (r.category ? 2 : 0) + (r.severity ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}
