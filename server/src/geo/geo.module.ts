import { Module, type OnModuleInit } from '@nestjs/common';
import { ItemLocator } from '../realtime/item-presence.registry';
import { BuildingsController } from './buildings.controller';
import { BuildingsService } from './buildings.service';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';
import { CompoundsController } from './compounds.controller';
import { CompoundsService } from './compounds.service';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { GeoAccess } from './geo-access';
import { GeoLinksRepository } from './geo-links.repository';
import { GeoWrites } from './geo-writes';
import { GeoJsonController } from './geojson.controller';
import { GeoJsonService } from './geojson.service';
import { GridLocator } from './grid-locator';
import { GridsController } from './grids.controller';
import { GridsService } from './grids.service';
import { HouseholdsController } from './households.controller';
import { ImportController } from './import/import.controller';
import { ImportRepository } from './import/import.repository';
import { ImportService } from './import/import.service';
import { HouseholdsService } from './households.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';
import { PlaceResolver } from './place-resolver';
import { BUILDING, GRID, type RegistryKind, type RegistryRow, SITE } from './registry-kinds';
import { RegistryReads } from './registry-reads';
import { RegistryRepository } from './registry.repository';
import { RevealService } from './reveal.service';
import { SheltersController } from './shelters.controller';
import { ShelterOccupancy } from './shelter-occupancy';
import { SheltersService } from './shelters.service';
import { SitesController } from './sites.controller';
import { SitesService } from './sites.service';
import { StreetRepository } from './street.repository';
import { StreetsController } from './streets.controller';
import { StreetsService } from './streets.service';

/** 一标三实: the registry of places and people that every other module pins its items to. */
@Module({
  controllers: [
    GeoJsonController,
    StreetsController,
    CommunitiesController,
    GridsController,
    CompoundsController,
    BuildingsController,
    SitesController,
    SheltersController,
    DepartmentsController,
    HouseholdsController,
    PersonsController,
    ImportController,
  ],
  providers: [
    RegistryRepository,
    GeoLinksRepository,
    StreetRepository,
    StreetsService,
    GeoAccess,
    GeoWrites,
    RegistryReads,
    GridLocator,
    PlaceResolver,
    RevealService,
    GeoJsonService,
    CommunitiesService,
    GridsService,
    CompoundsService,
    BuildingsService,
    SitesService,
    SheltersService,
    DepartmentsService,
    HouseholdsService,
    PersonsService,
    ImportRepository,
    ImportService,
    ShelterOccupancy,
  ],
  exports: [GridLocator, RegistryRepository, ShelterOccupancy],
})
export class GeoModule implements OnModuleInit {
  constructor(
    private readonly items: ItemLocator,
    private readonly repo: RegistryRepository,
  ) {}

  /** Presence on grids, buildings and sites ("李明 正在查看 3栋") is checked against their jurisdiction. */
  onModuleInit(): void {
    const register = <E extends RegistryRow>(kind: RegistryKind<E, unknown>) =>
      this.items.register(kind.entity, async (id) => {
        const row = await this.repo.findById(kind, id);
        return row ? kind.jurisdiction(row) : null;
      });
    register(GRID);
    register(BUILDING);
    register(SITE);
  }
}
