import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type Building,
  buildingListQuerySchema,
  type ContactReveal,
  createBuildingSchema,
  type Page,
  updateBuildingSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { BuildingsService } from './buildings.service';
import { RevealService } from './reveal.service';

class CreateBuildingDto extends createZodDto(createBuildingSchema) {}
class UpdateBuildingDto extends createZodDto(updateBuildingSchema) {}
class BuildingListQueryDto extends createZodDto(buildingListQuerySchema) {}

/** 楼栋 (buildings): HTTP shape only, the rules are in BuildingsService. */
@ApiTags('geo')
@Controller('geo/buildings')
export class BuildingsController {
  constructor(
    private readonly buildings: BuildingsService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: BuildingListQueryDto): Promise<Page<Building>> {
    return this.buildings.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Building> {
    return this.buildings.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateBuildingDto): Promise<Building> {
    return this.buildings.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateBuildingDto): Promise<Building> {
    return this.buildings.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.buildings.remove(actor, id);
  }

  /** the unmasked contact phone, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ContactReveal> {
    return this.reveal.contact(actor, 'building', id);
  }
}
