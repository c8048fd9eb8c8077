import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { departmentPerformanceSchema, performanceSchema } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { invalidField } from '../common/errors';
import { WhistlesRepository } from './whistles.repository';

type Performance = z.infer<typeof performanceSchema>;
type DepartmentPerformance = z.infer<typeof departmentPerformanceSchema>;

const round = (n: number | null, digits: number) => (n === null ? null : Number(n.toFixed(digits)));

/**
 * How departments answer whistles (the street's evaluation of 部门报到): minutes to 报到, on-time
 * rate, resolution rate. Real data only: drill whistles and cancelled ones are left out.
 */
@Injectable()
export class WhistlePerformanceService {
  constructor(
    private readonly repo: WhistlesRepository,
    private readonly clock: Clock,
  ) {}

  async performance(actor: Actor, q: { from: string; to: string; departmentId?: string }): Promise<Performance> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw invalidField('to', 'before_from', '结束时间应晚于开始时间 / `to` must be after `from`');
    const rows = await this.repo.performance(actor.scope, from, to, this.clock.now(), q.departmentId);
    const departments: DepartmentPerformance[] = rows.map((r) => ({
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      summoned: r.summoned,
      arrived: r.arrived,
      medianMinutesToArrive: round(r.median, 1),
      p90MinutesToArrive: round(r.p90, 1),
      onTimeRate: r.due ? round(r.onTime / r.due, 4) : null,
      resolutionRate: r.summoned ? round(r.resolved / r.summoned, 4) : null,
    }));
    return { from: from.toISOString(), to: to.toISOString(), departments };
  }
}
