import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ContactReveal,
  createSiteSchema,
  type Page,
  type Site,
  siteListQuerySchema,
  updateSiteSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { SitesService } from './sites.service';
import { RevealService } from './reveal.service';

class CreateSiteDto extends createZodDto(createSiteSchema) {}
class UpdateSiteDto extends createZodDto(updateSiteSchema) {}
class SiteListQueryDto extends createZodDto(siteListQuerySchema) {}

/** 场所 (sites): HTTP shape only, the rules are in SitesService. */
@ApiTags('geo')
@Controller('geo/sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly reveal: RevealService,
  ) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: SiteListQueryDto): Promise<Page<Site>> {
    return this.sites.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Site> {
    return this.sites.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateSiteDto): Promise<Site> {
    return this.sites.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateSiteDto): Promise<Site> {
    return this.sites.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.sites.remove(actor, id);
  }

  /** the unmasked contact phone, audited as `pii.reveal` */
  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  revealOne(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ContactReveal> {
    return this.reveal.contact(actor, 'site', id);
  }
}
