import { Module, type OnModuleInit } from '@nestjs/common';
import { ItemLocator } from '../realtime/item-presence.registry';
import { StorageModule } from '../storage/storage.module';
import { DeadlinesService } from './deadlines.service';
import { HotlineImportService } from './hotline-import.service';
import { IncidentActionsService } from './incident-actions.service';
import { IncidentConfigController } from './incident-config.controller';
import { IncidentConfigRepository } from './incident-config.repository';
import { IncidentConfigService } from './incident-config.service';
import { IncidentOverdueJob } from './incident-overdue.job';
import { incidentJurisdiction, IncidentRecorder } from './incident-recorder';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { LocationRepository } from './location.repository';
import { LocationService } from './location.service';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { WorkingCalendarController } from './working-calendar.controller';

@Module({
  imports: [StorageModule],
  // The configuration controller first: its fixed paths must win over /incidents/:id.
  controllers: [IncidentConfigController, WorkingCalendarController, IncidentsController, Open311Controller],
  providers: [
    IncidentsRepository,
    IncidentConfigRepository,
    LocationRepository,
    LocationService,
    DeadlinesService,
    IncidentRecorder,
    IncidentsService,
    IncidentActionsService,
    IncidentConfigService,
    HotlineImportService,
    IncidentOverdueJob,
    Open311Service,
  ],
  exports: [IncidentsService, IncidentsRepository, IncidentRecorder, LocationRepository],
})
export class IncidentsModule implements OnModuleInit {
  constructor(
    private readonly items: ItemLocator,
    private readonly repo: IncidentsRepository,
  ) {}

  /** Presence ("李明 正在处理") on an incident is policy-checked against its jurisdiction. */
  onModuleInit(): void {
    this.items.register('incident', async (id) => {
      const i = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.findById(id) : null;
      return i && incidentJurisdiction(i);
    });
  }
}
