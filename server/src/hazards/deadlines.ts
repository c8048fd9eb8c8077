import { HAZARD_DEADLINE_DAYS, type Severity } from '@gridboard/shared';
import { shanghaiDate } from '../incidents/working-time';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** 整改期限 as written: a date is the end of that Asia/Shanghai day, a time is taken as is. */
export function deadlineOf(value: string): Date {
  return DATE_ONLY.test(value) ? new Date(`${value}T23:59:59.999+08:00`) : new Date(value);
}

/** The default deadline: the end of the Shanghai day HAZARD_DEADLINE_DAYS after `now`. */
export function defaultDeadline(severity: Severity, now: Date): Date {
  return deadlineOf(shanghaiDate(new Date(now.getTime() + HAZARD_DEADLINE_DAYS[severity] * DAY_MS)));
}
