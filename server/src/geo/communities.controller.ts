import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type Community,
  communityListQuerySchema,
  createCommunitySchema,
  type Page,
  updateCommunitySchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { IdParam } from './id-param';
import { CommunitiesService } from './communities.service';

class CreateCommunityDto extends createZodDto(createCommunitySchema) {}
class UpdateCommunityDto extends createZodDto(updateCommunitySchema) {}
class CommunityListQueryDto extends createZodDto(communityListQuerySchema) {}

/** 社区 (communities): HTTP shape only, the rules are in CommunitiesService. */
@ApiTags('geo')
@Controller('geo/communities')
export class CommunitiesController {
  constructor(private readonly communities: CommunitiesService) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: CommunityListQueryDto): Promise<Page<Community>> {
    return this.communities.list(actor, q);
  }

  @Can('geo.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<Community> {
    return this.communities.get(actor, id);
  }

  @Can('geo.write')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateCommunityDto): Promise<Community> {
    return this.communities.create(actor, body);
  }

  /** Names the `version` it was based on: a stale one answers 409 with the current state. */
  @Can('geo.write')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateCommunityDto): Promise<Community> {
    return this.communities.update(actor, id, body);
  }

  /** 409 `errors.in_use` while other registry rows still point at it. */
  @Can('geo.write')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.communities.remove(actor, id);
  }
}
