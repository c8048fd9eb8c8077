import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor';
import { Commands } from '../command/commands';
import { CampaignsRepository } from '../inspections/campaigns.repository';
import { CampaignsService } from '../inspections/campaigns.service';
import { PlacesRepository } from '../inspections/places.repository';
import { Scheduler } from '../scheduler/scheduler';
import { HazardRecorder } from './hazard-recorder';
import { HazardsRepository } from './hazards.repository';

/** Hazards per scheduler pass; the rest follow on the next tick. */
const BATCH = 200;

/**
 * 超期督办: a hazard still open or being rectified after its deadline gets an automatic supervision
 * notice (an `overdue` step and one `hazard.overdue` event). `overdue_at` is the durable flag, set
 * by a conditional UPDATE: restarts, repeated passes and other instances never send it twice. An
 * approved extension clears it, so a missed new deadline is noticed again.
 */
@Injectable()
export class HazardOverdueJob implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly repo: HazardsRepository,
    private readonly recorder: HazardRecorder,
    private readonly campaignRepo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly places: PlacesRepository,
    private readonly commands: Commands,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('hazard.overdue', async (now) => {
      await this.run(now);
    });
  }

  async run(now: Date): Promise<number> {
    let raised = 0;
    for (const due of await this.repo.dueForOverdue(now, BATCH)) {
      const done = await this.commands.run(SYSTEM_ACTOR, async (ctx) => {
        const campaign = due.campaignId ? await this.campaignRepo.findForUpdate(due.campaignId) : null;
        const before = await this.repo.findById(due.id);
        if (!before) return false;
        await this.places.lockSite(before.siteId);
        const after = await this.repo.markOverdue(due.id, now);
        if (!after) return false;
        await this.recorder.record(ctx, SYSTEM_ACTOR, before, after, {
          action: 'overdue',
          at: now,
          note: '已超过整改期限，系统自动督办 / Past its rectification deadline: automatic supervision notice',
          detail: { automatic: true, deadline: before.deadline.toISOString() },
          event: 'hazard.overdue',
        });
        if (campaign) await this.campaigns.announceProgress(ctx, campaign);
        return true;
      });
      if (done) raised++;
    }
    return raised;
  }
}
