import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor';
import { Commands } from '../command/commands';
import { Scheduler } from '../scheduler/scheduler';
import { IncidentRecorder } from './incident-recorder';
import { IncidentsRepository } from './incidents.repository';

/** Items per scheduler pass; the rest follow on the next tick. */
const BATCH = 200;

/**
 * 超期督办: a pending item past its deadline gets an automatic supervision notice on its timeline
 * and one `incident.overdue` event. `overdue_at` is the durable flag, set with a conditional
 * UPDATE: a restart, a second pass or a second instance never raises the same item twice.
 */
@Injectable()
export class IncidentOverdueJob implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly repo: IncidentsRepository,
    private readonly recorder: IncidentRecorder,
    private readonly commands: Commands,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('incident.overdue', async (now) => {
      await this.run(now);
    });
  }

  async run(now: Date): Promise<number> {
    let raised = 0;
    for (const id of await this.repo.dueForOverdue(now, BATCH)) {
      const done = await this.commands.run(SYSTEM_ACTOR, async (ctx) => {
        const before = await this.repo.findForUpdate(id);
        const after = before && (await this.repo.markOverdue(id, now));
        if (!before || !after) return false;
        await this.recorder.record(ctx, SYSTEM_ACTOR, before, after, {
          action: 'overdue',
          at: now,
          note: '已超过处置时限，系统自动督办 / Past its deadline: automatic supervision notice',
          detail: { automatic: true, deadline: before.deadline?.toISOString() ?? null },
          event: 'incident.overdue',
        });
        return true;
      });
      if (done) raised++;
    }
    return raised;
  }
}
