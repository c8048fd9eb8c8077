import { Module, type OnModuleInit } from '@nestjs/common';
import { HazardActionsService } from '../hazards/hazard-actions.service';
import { hazardJurisdiction } from '../hazards/hazard-dto';
import { HazardOverdueJob } from '../hazards/hazard-overdue.job';
import { HazardRecorder } from '../hazards/hazard-recorder';
import { HazardsController } from '../hazards/hazards.controller';
import { HazardsRepository } from '../hazards/hazards.repository';
import { HazardsService } from '../hazards/hazards.service';
import { ItemLocator } from '../realtime/item-presence.registry';
import { StorageModule } from '../storage/storage.module';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { recordJurisdiction, streetWideJurisdiction } from './inspection-dto';
import { InspectionPhotosRepository } from './inspection-photos.repository';
import { InspectionPhotosService } from './inspection-photos.service';
import { LedgersController } from './ledgers.controller';
import { LedgersRepository } from './ledgers.repository';
import { LedgersService } from './ledgers.service';
import { PhotosController } from './photos.controller';
import { PlacesRepository } from './places.repository';
import { RecordsController } from './records.controller';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * 安全排查: graded supervision, checklists, campaigns, inspection records, and the hazards they find
 * (server/src/hazards). One module: records raise hazards and hazards close on records.
 */
@Module({
  imports: [StorageModule],
  // The ledgers first: their fixed paths (records.xlsx) sit beside the records' /:id.
  controllers: [
    LedgersController,
    SupervisionController,
    TemplatesController,
    CampaignsController,
    RecordsController,
    PhotosController,
    HazardsController,
  ],
  providers: [
    PlacesRepository,
    SupervisionRepository,
    SupervisionService,
    TemplatesRepository,
    TemplatesService,
    CampaignsRepository,
    CampaignsService,
    RecordsRepository,
    RecordsService,
    InspectionPhotosRepository,
    InspectionPhotosService,
    LedgersRepository,
    LedgersService,
    HazardsRepository,
    HazardRecorder,
    HazardsService,
    HazardActionsService,
    HazardOverdueJob,
  ],
})
export class InspectionsModule implements OnModuleInit {
  constructor(
    private readonly items: ItemLocator,
    private readonly hazards: HazardsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly records: RecordsRepository,
  ) {}

  /** Presence ("李明 正在处理") on hazards, campaigns and records is checked against their jurisdiction. */
  onModuleInit(): void {
    this.items.register('hazard', async (id) => {
      const h = UUID.test(id) ? await this.hazards.findById(id) : null;
      return h && hazardJurisdiction(h);
    });
    this.items.register('campaign', async (id) => {
      const c = UUID.test(id) ? await this.campaigns.findById(id) : null;
      return c && streetWideJurisdiction(c.streetId, c.departmentIds);
    });
    this.items.register('inspection', async (id) => {
      const r = UUID.test(id) ? await this.records.findById(id) : null;
      return r && recordJurisdiction(r);
    });
  }
}
