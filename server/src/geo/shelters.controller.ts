import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ContactReveal,
  createShelterSchema,
  type Page,
  type Shelter,
  shelterListQuerySchema,
  updateShelterSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { SheltersService } from './shelters.service';
import { RevealService } from './reveal.service';

class CreateShelterDto extends createZodDto(createShelterSchema) {}
class UpdateShelterDto extends createZodDto(updateShelterSchema) {}
class ShelterListQueryDto extends createZodDto(shelterListQuerySchema) {}

/** 避险安置点 (shelters): HTTP shape only, the rules are in SheltersService. */
@ApiTags('geo')
@Controller('geo/shelters')
export class SheltersController {
  constructor(
    private readonly shelters: SheltersService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: ShelterListQueryDto): Promise<Page<Shelter>> {
    return this.shelters.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Shelter> {
    return this.shelters.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateShelterDto): Promise<Shelter> {
    return this.shelters.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateShelterDto): Promise<Shelter> {
    return this.shelters.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.shelters.remove(actor, id);
  }

  /** the unmasked contact phone, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ContactReveal> {
    return this.reveal.contact(actor, 'shelter', id);
  }
}
