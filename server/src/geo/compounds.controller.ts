import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type Compound,
  compoundListQuerySchema,
  createCompoundSchema,
  type Page,
  updateCompoundSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { CompoundsService } from './compounds.service';

class CreateCompoundDto extends createZodDto(createCompoundSchema) {}
class UpdateCompoundDto extends createZodDto(updateCompoundSchema) {}
class CompoundListQueryDto extends createZodDto(compoundListQuerySchema) {}

/** 小区/楼院 (compounds): HTTP shape only, the rules are in CompoundsService. */
@ApiTags('geo')
@Controller('geo/compounds')
export class CompoundsController {
  constructor(private readonly compounds: CompoundsService) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: CompoundListQueryDto): Promise<Page<Compound>> {
    return this.compounds.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Compound> {
    return this.compounds.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateCompoundDto): Promise<Compound> {
    return this.compounds.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateCompoundDto): Promise<Compound> {
    return this.compounds.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.compounds.remove(actor, id);
  }
}
