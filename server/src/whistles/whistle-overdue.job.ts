import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor';
import { Commands } from '../command/commands';
import { Scheduler } from '../scheduler/scheduler';
import { whistleJurisdiction } from './whistle-dto';
import { WhistleRecorder } from './whistle-recorder';
import { WhistlesRepository } from './whistles.repository';

const BATCH = 200;

/**
 * 报到 deadlines: a summoned department not on site in time is escalated to the leader on duty
 * (`whistle.summons_overdue`, an alarm), and a whistle past its resolve-by time is flagged
 * (`whistle.overdue`). Each once: the flags are columns set by conditional UPDATEs, so restarts,
 * repeated passes and other instances never raise them again.
 */
@Injectable()
export class WhistleOverdueJob implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly repo: WhistlesRepository,
    private readonly recorder: WhistleRecorder,
    private readonly commands: Commands,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('whistle.deadlines', async (now) => {
      await this.escalate(now);
      await this.flagOverdue(now);
    });
  }

  async escalate(now: Date): Promise<number> {
    let raised = 0;
    for (const due of await this.repo.dueSummons(now, BATCH)) {
      const done = await this.commands.run(SYSTEM_ACTOR, async (ctx) => {
        const w = await this.repo.findForUpdate(due.whistleId);
        const s = w && (await this.repo.markEscalated(due.id, now));
        if (!w || !s) return false;
        await this.recorder.record(
          ctx,
          SYSTEM_ACTOR,
          w,
          {
            action: 'summons_overdue',
            at: now,
            summonsId: s.id,
            note: `${s.departmentName} 未在时限内报到，已上报带班领导 / not on site in time: escalated to the leader on duty`,
            detail: { departmentId: s.departmentId, deadline: s.deadline.toISOString(), escalatedTo: 'leader_on_duty' },
          },
          (r) =>
            ctx.emit(
              'whistle.summons_overdue',
              {
                ...r,
                summonsId: s.id,
                departmentId: s.departmentId,
                departmentName: s.departmentName,
                escalatedTo: 'leader_on_duty',
              },
              whistleJurisdiction(w),
              w.drillId,
            ),
        );
        return true;
      });
      if (done) raised++;
    }
    return raised;
  }

  async flagOverdue(now: Date): Promise<number> {
    let raised = 0;
    for (const id of await this.repo.dueWhistles(now, BATCH)) {
      const done = await this.commands.run(SYSTEM_ACTOR, async (ctx) => {
        const w = await this.repo.markOverdue(id, now);
        if (!w) return false;
        await this.recorder.record(
          ctx,
          SYSTEM_ACTOR,
          w,
          {
            action: 'overdue',
            at: now,
            note: '已超过办结时限 / Past its resolve-by time',
            detail: { resolveBy: w.resolveBy.toISOString() },
          },
          (r) => ctx.emit('whistle.overdue', r, whistleJurisdiction(w), w.drillId),
        );
        return true;
      });
      if (done) raised++;
    }
    return raised;
  }
}
