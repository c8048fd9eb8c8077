import { Injectable } from '@nestjs/common';
import type { FloodStats, floodStatsQuerySchema } from '@gridboard/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { invalidField } from '../common/errors';
import { ProgressRepository } from './progress.repository';

/** The season's figures (warnings, households moved, time to safety): real warnings only, never drills. */
@Injectable()
export class StatsService {
  constructor(private readonly repo: ProgressRepository) {}

  async stats(actor: Actor, q: z.infer<typeof floodStatsQuerySchema>): Promise<FloodStats> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (from >= to) throw invalidField('to', 'before_from', '应晚于开始时间 / must be after from');
    const r = await this.repo.stats(actor.scope, q.streetId, from, to);
    const tally = (state: string) => r.states[state] ?? { households: 0, people: 0 };
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      warnings: r.warnings,
      byLevel: r.byLevel,
      byType: r.byType,
      households: r.households,
      people: r.people,
      sheltered: tally('sheltered'),
      selfArranged: tally('selfArranged'),
      refused: tally('refused'),
      medianMinutesToSafe: r.medianMinutesToSafe === null ? null : Math.round(r.medianMinutesToSafe * 10) / 10,
    };
  }
}
