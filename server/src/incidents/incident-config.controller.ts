import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  categoryCodeSchema,
  type DeadlineRule,
  deadlineRuleInputSchema,
  deadlineRuleSchema,
  importMappingSchema,
  type ImportMapping,
  type HotlineImportResult,
  hotlineImportResultSchema,
  importSourceSchema,
  type IncidentCategory,
  incidentCategorySchema,
  incidentSourceSchema,
  INCIDENT_STATES,
  type IncidentState,
  severitySchema,
  stateLabelInputSchema,
  stateLabelsSchema,
  upsertCategorySchema,
  versionedSchema,
  versionSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { Clock } from '../command/clock';
import { invalidField } from '../common/errors';
import { ParseUuid, streetOf } from '../common/params';
import { UploadInterceptor } from '../common/upload.interceptor';
import { parse } from '../common/validation';
import { DeadlinesService } from './deadlines.service';
import { HotlineImportService } from './hotline-import.service';
import { IncidentConfigService } from './incident-config.service';
import type { UploadedFile } from '../storage/photos.service';

class CategoryDto extends createZodDto(incidentCategorySchema) {}
class UpsertCategoryDto extends createZodDto(upsertCategorySchema) {}
class DeadlineRuleDto extends createZodDto(deadlineRuleSchema) {}
class DeadlineRuleInputDto extends createZodDto(deadlineRuleInputSchema) {}
class DeadlineRuleUpdateDto extends createZodDto(deadlineRuleInputSchema.extend(versionedSchema.shape)) {}
class StateLabelsDto extends createZodDto(stateLabelsSchema) {}
class StateLabelInputDto extends createZodDto(stateLabelInputSchema) {}
class ImportMappingDto extends createZodDto(importMappingSchema) {}
class HotlineImportResultDto extends createZodDto(hotlineImportResultSchema) {}
const deadlinePreviewSchema = z.object({
  category: categoryCodeSchema,
  severity: severitySchema,
  source: incidentSourceSchema,
  from: z.iso.datetime({ offset: true }).optional(),
});
class DeadlinePreviewQueryDto extends createZodDto(deadlinePreviewSchema) {}

const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const SheetUpload = UploadInterceptor({
  field: 'file',
  maxFiles: 1,
  maxBytes: IMPORT_MAX_BYTES,
  tooLarge: 'errors.payload_too_large',
  limitText: '20 MB',
});

/**
 * Incident configuration and the hotline import. Registered before IncidentsController so these
 * fixed paths win over `/incidents/:id`.
 */
@ApiTags('incident configuration')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentConfigController {
  constructor(
    private readonly config: IncidentConfigService,
    private readonly deadlines: DeadlinesService,
    private readonly hotline: HotlineImportService,
    private readonly clock: Clock,
  ) {}

  @Authenticated()
  @Get('categories')
  @ApiOperation({ summary: 'Incident categories with both languages’ labels (inactive ones included, marked).' })
  @ApiOkResponse({ type: [CategoryDto] })
  categories(): Promise<IncidentCategory[]> {
    return this.config.categories();
  }

  @Can('incident.configure', { configScope: 'district' })
  @Put('categories/:code')
  @ApiOperation({ summary: 'Create or change a category (deactivate rather than delete: incidents keep their code).' })
  @ApiOkResponse({ type: CategoryDto })
  putCategory(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: UpsertCategoryDto,
  ): Promise<IncidentCategory> {
    return this.config.putCategory(actor, parse(categoryCodeSchema, code, 'code'), body);
  }

  @Authenticated()
  @Get('deadline-rules')
  @ApiOperation({ summary: 'Deadline rules (category × severity, overrides by source; natural or working time).' })
  @ApiOkResponse({ type: [DeadlineRuleDto] })
  rules(): Promise<DeadlineRule[]> {
    return this.config.rules();
  }

  @Can('incident.configure', { configScope: 'district' })
  @Post('deadline-rules')
  @ApiOkResponse({ type: DeadlineRuleDto })
  createRule(@CurrentActor() actor: Actor, @Body() body: DeadlineRuleInputDto): Promise<DeadlineRule> {
    return this.config.createRule(actor, body);
  }

  @Can('incident.configure', { configScope: 'district' })
  @Put('deadline-rules/:id')
  @ApiOkResponse({ type: DeadlineRuleDto })
  updateRule(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Body() body: DeadlineRuleUpdateDto,
  ): Promise<DeadlineRule> {
    return this.config.updateRule(actor, id, body);
  }

  @Can('incident.configure', { configScope: 'district' })
  @Delete('deadline-rules/:id')
  @HttpCode(204)
  @ApiQuery({ name: 'version', type: Number })
  async deleteRule(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Query('version') version: string,
  ): Promise<void> {
    await this.config.deleteRule(actor, id, parse(z.coerce.number().pipe(versionSchema), version, 'version'));
  }

  @Authenticated()
  @Get('deadline-preview')
  @ApiOperation({ summary: 'The deadline a new incident would get now (or from `from`).' })
  async preview(@Query() q: DeadlinePreviewQueryDto): Promise<{ deadline: string | null }> {
    const d = await this.deadlines.deadlineFor(q, q.from ? new Date(q.from) : this.clock.now());
    return { deadline: d?.toISOString() ?? null };
  }

  @Authenticated()
  @Get('state-labels')
  @ApiOperation({ summary: 'The street’s labels for the canonical states (its renamings applied).' })
  @ApiQuery({ name: 'streetId', required: false, description: 'district-scope callers only' })
  @ApiOkResponse({ type: StateLabelsDto })
  stateLabels(@CurrentActor() actor: Actor, @Query('streetId') streetId?: string): Promise<object> {
    return this.config.stateLabels(streetOf(actor, streetId));
  }

  @Can('incident.configure', { configScope: 'street' })
  @Put('state-labels/:state')
  @HttpCode(204)
  @ApiParam({ name: 'state', enum: INCIDENT_STATES })
  async putStateLabel(
    @CurrentActor() actor: Actor,
    @Param('state') state: string,
    @Body() body: StateLabelInputDto,
    @Query('streetId') streetId?: string,
  ): Promise<void> {
    await this.config.putStateLabel(actor, streetOf(actor, streetId), stateParam(state), body);
  }

  @Can('incident.configure', { configScope: 'street' })
  @Delete('state-labels/:state')
  @HttpCode(204)
  @ApiOperation({ summary: 'Back to the default label.' })
  async deleteStateLabel(
    @CurrentActor() actor: Actor,
    @Param('state') state: string,
    @Query('streetId') streetId?: string,
  ): Promise<void> {
    await this.config.deleteStateLabel(actor, streetOf(actor, streetId), stateParam(state));
  }

  @Can('incident.dispatch')
  @Get('import/mappings/:source')
  @ApiOperation({
    summary: 'The saved column mapping of an import source (or the typical 12345 headers, saved=false).',
  })
  @ApiParam({ name: 'source', enum: importSourceSchema.options })
  mapping(
    @CurrentActor() actor: Actor,
    @Param('source') source: string,
    @Query('streetId') streetId?: string,
  ): Promise<ImportMapping & { saved: boolean }> {
    return this.config.mapping(streetOf(actor, streetId), parse(importSourceSchema, source, 'source'));
  }

  @Can('incident.dispatch', { configScope: 'street' })
  @Put('import/mappings/:source')
  @HttpCode(204)
  @ApiParam({ name: 'source', enum: importSourceSchema.options })
  async putMapping(
    @CurrentActor() actor: Actor,
    @Param('source') source: string,
    @Body() body: ImportMappingDto,
    @Query('streetId') streetId?: string,
  ): Promise<void> {
    await this.config.putMapping(actor, streetOf(actor, streetId), parse(importSourceSchema, source, 'source'), body);
  }

  @Can('incident.dispatch')
  @Post('import/hotline')
  @HttpCode(200)
  @UseInterceptors(SheetUpload)
  @ApiOperation({
    summary: 'Import a 12345 hotline export (xlsx or csv, multipart field `file`)',
    description:
      'Columns by the saved mapping of `source`. Deduplicated by ticket number: a known ticket updates its ' +
      'incident. All or nothing: any bad row answers 400 `errors.import_failed` with `errors[]` naming ' +
      '"row N, column H" and the reason, and nothing is written.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'source', enum: importSourceSchema.options, required: false })
  @ApiQuery({ name: 'streetId', required: false, description: 'district-scope callers only' })
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: HotlineImportResultDto })
  importHotline(
    @CurrentActor() actor: Actor,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Query('source') source?: string,
    @Query('streetId') streetId?: string,
  ): Promise<HotlineImportResult> {
    const file = files?.[0];
    if (!file) throw invalidField('file', 'required', '请上传文件 / Upload a file');
    return this.hotline.import(
      actor,
      streetOf(actor, streetId),
      parse(importSourceSchema, source ?? 'hotline_12345', 'source'),
      file.buffer,
    );
  }
}

function stateParam(state: string): IncidentState {
  return parse(z.enum(INCIDENT_STATES), state, 'state');
}
