import { Module, type OnModuleInit } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { ItemLocator } from '../realtime/item-presence.registry';
import { whistleJurisdiction } from './whistle-dto';
import { WhistleOverdueJob } from './whistle-overdue.job';
import { WhistlePerformanceService } from './whistle-performance.service';
import { WhistleRecorder } from './whistle-recorder';
import { WhistlesController } from './whistles.controller';
import { WhistlesRepository } from './whistles.repository';
import { WhistlesService } from './whistles.service';

@Module({
  imports: [IncidentsModule],
  controllers: [WhistlesController],
  providers: [WhistlesRepository, WhistleRecorder, WhistlesService, WhistlePerformanceService, WhistleOverdueJob],
})
export class WhistlesModule implements OnModuleInit {
  constructor(
    private readonly items: ItemLocator,
    private readonly repo: WhistlesRepository,
  ) {}

  /** Presence on a whistle is checked against its jurisdiction (its grid and summoned departments). */
  onModuleInit(): void {
    this.items.register('whistle', async (id) => {
      const w = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.findById(id) : null;
      return w && whistleJurisdiction(w);
    });
  }
}
