import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createTemplateSchema,
  type Page,
  type Template,
  templateListQuerySchema,
  templatePageSchema,
  templateSchema,
  type TemplateVersion,
  templateVersionListSchema,
  templateVersionSchema,
  updateTemplateSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { TemplatesService } from './templates.service';

class CreateTemplateDto extends createZodDto(createTemplateSchema) {}
class UpdateTemplateDto extends createZodDto(updateTemplateSchema) {}
class TemplateListQueryDto extends createZodDto(templateListQuerySchema) {}
class TemplatePageDto extends createZodDto(templatePageSchema) {}
class TemplateDto extends createZodDto(templateSchema) {}
class TemplateVersionDto extends createZodDto(templateVersionSchema) {}
class TemplateVersionListDto extends createZodDto(templateVersionListSchema) {}

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Can('inspection.read')
  @Get()
  @ApiOperation({
    summary: 'Checklist templates (检查表) of the street, with their current version',
    description: '`siteType` also matches templates meant for any site type; `active=true` for the phone page.',
  })
  @ApiOkResponse({ type: TemplatePageDto })
  list(@CurrentActor() actor: Actor, @Query() q: TemplateListQueryDto): Promise<Page<Template>> {
    return this.templates.list(actor, q);
  }

  @Can('inspection.manage', { configScope: 'street' })
  @Post()
  @ApiOperation({
    summary: 'Create a checklist template (version 1)',
    description:
      'Items: `yes_no` (passWhen), `number` (min/max/unit), `text`, `choice` (options with `pass`), `photo_required` ' +
      '(minPhotos). Item keys are kept across versions (new items without a key get one). Event `inspection.template.changed`.',
  })
  @ApiOkResponse({ type: TemplateDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTemplateDto): Promise<Template> {
    return this.templates.create(actor, body);
  }

  @Can('inspection.read')
  @Get('versions/:versionId')
  @ApiOperation({ summary: 'One exact version (what a record was answered against)' })
  @ApiOkResponse({ type: TemplateVersionDto })
  version(
    @CurrentActor() actor: Actor,
    @Param('versionId', new ParseUuid('versionId')) versionId: string,
  ): Promise<TemplateVersion> {
    return this.templates.version(actor, versionId);
  }

  @Can('inspection.read')
  @Get(':id')
  @ApiOkResponse({ type: TemplateDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<Template> {
    return this.templates.get(actor, id);
  }

  @Can('inspection.read')
  @Get(':id/versions')
  @ApiOperation({ summary: 'Every version of a template, newest first' })
  @ApiOkResponse({ type: TemplateVersionListDto })
  versions(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<{ items: TemplateVersion[] }> {
    return this.templates.versions(actor, id);
  }

  @Can('inspection.manage', { configScope: 'street' })
  @Put(':id')
  @ApiOperation({
    summary: 'Edit a template',
    description:
      'A new `name` or `items` writes a new version (records keep theirs); `description`, `siteTypes`, `campaignTypes`, ' +
      '`active` change in place. Stale `version` → 409 with `current`.',
  })
  @ApiOkResponse({ type: TemplateDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Body() body: UpdateTemplateDto,
  ): Promise<Template> {
    return this.templates.update(actor, id, body);
  }
}
