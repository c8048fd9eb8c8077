import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Campaign,
  campaignListQuerySchema,
  campaignPageSchema,
  type CampaignProgressDetail,
  campaignProgressDetailSchema,
  campaignSchema,
  createCampaignSchema,
  type Page,
  updateCampaignSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { CampaignsService } from './campaigns.service';

class CreateCampaignDto extends createZodDto(createCampaignSchema) {}
class UpdateCampaignDto extends createZodDto(updateCampaignSchema) {}
class CampaignListQueryDto extends createZodDto(campaignListQuerySchema) {}
class CampaignPageDto extends createZodDto(campaignPageSchema) {}
class CampaignDto extends createZodDto(campaignSchema) {}
class CampaignProgressDto extends createZodDto(campaignProgressDetailSchema) {}

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Can('inspection.read')
  @Get()
  @ApiOperation({
    summary: 'Campaigns (专项行动) of the street with live progress',
    description:
      '`status` upcoming|active|ended (by Asia/Shanghai date). Live: `campaign.changed`, `campaign.progress`.',
  })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: CampaignListQueryDto): Promise<Page<Campaign>> {
    return this.campaigns.list(actor, q);
  }

  @Can('inspection.manage')
  @Post()
  @ApiOperation({
    summary: 'Start a campaign',
    description:
      'Targets: sites of `siteTypes`, plus the nine small places with `nineSmall`, in `gridIds` (empty: the whole street); ' +
      'neither types nor nineSmall: every site. `departmentIds`: joint departments (their staff see its records and hazards).',
  })
  @ApiOkResponse({ type: CampaignDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto): Promise<Campaign> {
    return this.campaigns.create(actor, body);
  }

  @Can('inspection.read')
  @Get(':id')
  @ApiOkResponse({ type: CampaignDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<Campaign> {
    return this.campaigns.get(actor, id);
  }

  @Can('inspection.read')
  @Get(':id/progress')
  @ApiOperation({ summary: 'The progress panel: totals and one row per grid with target sites' })
  @ApiOkResponse({ type: CampaignProgressDto })
  progress(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<CampaignProgressDetail> {
    return this.campaigns.progress(actor, id);
  }

  @Can('inspection.manage')
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a campaign',
    description:
      'Target sites are fixed when the campaign starts; sending `siteTypes`, `nineSmall` or `gridIds` (even unchanged) ' +
      'recomputes them, so sites registered since join. New departments re-scope its records and hazards. Stale `version` → 409.',
  })
  @ApiOkResponse({ type: CampaignDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<Campaign> {
    return this.campaigns.update(actor, id, body);
  }
}
