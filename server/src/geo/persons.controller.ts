import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createPersonSchema,
  type Page,
  type Person,
  personListQuerySchema,
  type PersonReveal,
  updatePersonSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { PersonsService } from './persons.service';
import { RevealService } from './reveal.service';

class CreatePersonDto extends createZodDto(createPersonSchema) {}
class UpdatePersonDto extends createZodDto(updatePersonSchema) {}
class PersonListQueryDto extends createZodDto(personListQuerySchema) {}

/** 实有人口 (persons): HTTP shape only, the rules are in PersonsService. */
@ApiTags('geo')
@Controller('geo/persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: PersonListQueryDto): Promise<Page<Person>> {
    return this.persons.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Person> {
    return this.persons.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto): Promise<Person> {
    return this.persons.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdatePersonDto): Promise<Person> {
    return this.persons.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.persons.remove(actor, id);
  }

  /** the unmasked personal data, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PersonReveal> {
    return this.reveal.person(actor, id);
  }
}
