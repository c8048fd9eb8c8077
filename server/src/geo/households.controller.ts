import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createHouseholdSchema,
  type Household,
  householdListQuerySchema,
  type HouseholdReveal,
  type Page,
  updateHouseholdSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { HouseholdsService } from './households.service';
import { RevealService } from './reveal.service';

class CreateHouseholdDto extends createZodDto(createHouseholdSchema) {}
class UpdateHouseholdDto extends createZodDto(updateHouseholdSchema) {}
class HouseholdListQueryDto extends createZodDto(householdListQuerySchema) {}

/** 住户 (households): HTTP shape only, the rules are in HouseholdsService. */
@ApiTags('geo')
@Controller('geo/households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: HouseholdListQueryDto): Promise<Page<Household>> {
    return this.households.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Household> {
    return this.households.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateHouseholdDto): Promise<Household> {
    return this.households.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateHouseholdDto): Promise<Household> {
    return this.households.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.households.remove(actor, id);
  }

  /** the unmasked personal data, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<HouseholdReveal> {
    return this.reveal.household(actor, id);
  }
}
