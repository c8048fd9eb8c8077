import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  basemapListQuerySchema,
  buildingListQuerySchema,
  communityListQuerySchema,
  compoundListQuerySchema,
  gridListQuerySchema,
  shelterListQuerySchema,
  siteListQuerySchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { type FeatureCollection, GeoJsonService } from './geojson.service';

class CommunityFilterDto extends createZodDto(communityListQuerySchema) {}
class GridFilterDto extends createZodDto(gridListQuerySchema) {}
class CompoundFilterDto extends createZodDto(compoundListQuerySchema) {}
class BuildingFilterDto extends createZodDto(buildingListQuerySchema) {}
class SiteFilterDto extends createZodDto(siteListQuerySchema) {}
class ShelterFilterDto extends createZodDto(shelterListQuerySchema) {}
class BasemapFilterDto extends createZodDto(basemapListQuerySchema) {}

const GEOJSON = 'application/geo+json; charset=utf-8';

/** `GET /api/geo/<layer>.geojson`: the lists' filters, scoped the same way, all rows (no paging). */
@ApiTags('geo')
@Controller('geo')
export class GeoJsonController {
  constructor(private readonly geojson: GeoJsonService) {}

  @Can('geo.read')
  @Get('communities.geojson')
  @Header('content-type', GEOJSON)
  communities(@CurrentActor() actor: Actor, @Query() q: CommunityFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'communities', q);
  }

  @Can('geo.read')
  @Get('grids.geojson')
  @Header('content-type', GEOJSON)
  grids(@CurrentActor() actor: Actor, @Query() q: GridFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'grids', q);
  }

  @Can('geo.read')
  @Get('compounds.geojson')
  @Header('content-type', GEOJSON)
  compounds(@CurrentActor() actor: Actor, @Query() q: CompoundFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'compounds', q);
  }

  @Can('geo.read')
  @Get('buildings.geojson')
  @Header('content-type', GEOJSON)
  buildings(@CurrentActor() actor: Actor, @Query() q: BuildingFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'buildings', q);
  }

  @Can('geo.read')
  @Get('sites.geojson')
  @Header('content-type', GEOJSON)
  sites(@CurrentActor() actor: Actor, @Query() q: SiteFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'sites', q);
  }

  @Can('geo.read')
  @Get('shelters.geojson')
  @Header('content-type', GEOJSON)
  shelters(@CurrentActor() actor: Actor, @Query() q: ShelterFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'shelters', q);
  }

  @Can('geo.read')
  @Get('basemap.geojson')
  @Header('content-type', GEOJSON)
  basemap(@CurrentActor() actor: Actor, @Query() q: BasemapFilterDto): Promise<FeatureCollection> {
    return this.geojson.layer(actor, 'basemap', q);
  }
}
