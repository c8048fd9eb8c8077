import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ContactReveal,
  createGridSchema,
  type Grid,
  gridListQuerySchema,
  type Page,
  updateGridSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { GridsService } from './grids.service';
import { RevealService } from './reveal.service';

class CreateGridDto extends createZodDto(createGridSchema) {}
class UpdateGridDto extends createZodDto(updateGridSchema) {}
class GridListQueryDto extends createZodDto(gridListQuerySchema) {}

/** 网格 (grids): HTTP shape only, the rules are in GridsService. */
@ApiTags('geo')
@Controller('geo/grids')
export class GridsController {
  constructor(
    private readonly grids: GridsService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: GridListQueryDto): Promise<Page<Grid>> {
    return this.grids.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Grid> {
    return this.grids.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateGridDto): Promise<Grid> {
    return this.grids.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateGridDto): Promise<Grid> {
    return this.grids.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.grids.remove(actor, id);
  }

  /** the unmasked contact phone, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ContactReveal> {
    return this.reveal.contact(actor, 'grid', id);
  }
}
