import { Injectable } from '@nestjs/common';
import type { IncidentSource, Severity } from '@gridboard/shared';
import { isWorkday } from 'chinese-days';
import { IncidentConfigRepository } from './incident-config.repository';
import { addWorkingHours, pickRule, shanghaiDate } from './working-time';

/**
 * 处置时限: the deadline an incident gets from the rules, counted in natural or working time.
 * Working days come from the `chinese-days` calendar (public holidays and 调休 make-up workdays),
 * corrected by the admin-editable `workday_override` table (next year's State Council calendar
 * before the package knows it).
 */
@Injectable()
export class DeadlinesService {
  constructor(private readonly config: IncidentConfigRepository) {}

  async deadlineFor(
    i: { category: string; severity: Severity; source: IncidentSource },
    from: Date,
  ): Promise<Date | null> {
    const rule = pickRule(await this.config.rules(), i);
    if (!rule) return null;
    if (rule.calendar === 'natural') return new Date(from.getTime() + rule.hours * 3_600_000);
    return addWorkingHours(from, rule.hours, await this.workdays(from));
  }

  /** Whether a day (YYYY-MM-DD) is a working day, for days from `from` on. */
  async workdays(from: Date): Promise<(date: string) => boolean> {
    const overrides = new Map((await this.config.overridesFrom(shanghaiDate(from))).map((o) => [o.date, o.workday]));
    return (date) => overrides.get(date) ?? isWorkday(date);
  }
}
