import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  createIncidentSchema,
  INCIDENT_ACTION_SCHEMAS,
  INCIDENT_ACTIONS,
  type Incident,
  incidentActionResultSchema,
  type IncidentActionResult,
  incidentCountsSchema,
  type IncidentDetail,
  incidentDetailSchema,
  incidentListQuerySchema,
  incidentPageSchema,
  type Page,
  PHOTO_KINDS,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PER_REQUEST,
  type RevealedContact,
  revealedContactSchema,
} from '@gridboard/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { invalidField } from '../common/errors';
import { ParseUuid } from '../common/params';
import { sendPhoto } from '../common/send-file';
import { UploadInterceptor } from '../common/upload.interceptor';
import { parse } from '../common/validation';
import { IncidentActionsService } from './incident-actions.service';
import { IncidentsService } from './incidents.service';
import type { UploadedFile } from '../storage/photos.service';

class CreateIncidentDto extends createZodDto(createIncidentSchema) {}
class IncidentListQueryDto extends createZodDto(incidentListQuerySchema) {}
class IncidentPageDto extends createZodDto(incidentPageSchema) {}
class IncidentDetailDto extends createZodDto(incidentDetailSchema) {}
class IncidentActionResultDto extends createZodDto(incidentActionResultSchema) {}
class IncidentCountsDto extends createZodDto(incidentCountsSchema) {}
class RevealedContactDto extends createZodDto(revealedContactSchema) {}
class AcceptDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.accept) {}
class DispatchDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.dispatch) {}
class RedispatchDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.redispatch) {}
class ReturnDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.return) {}
class StartDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.start) {}
class ResolveDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.resolve) {}
class VerifyDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.verify) {}
class ReopenDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.reopen) {}
class CloseDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.close) {}
class SuperviseDto extends createZodDto(INCIDENT_ACTION_SCHEMAS.supervise) {}
const ACTION_DTOS = [
  AcceptDto,
  DispatchDto,
  RedispatchDto,
  ReturnDto,
  StartDto,
  ResolveDto,
  VerifyDto,
  ReopenDto,
  CloseDto,
  SuperviseDto,
];

const PhotoUpload = UploadInterceptor({
  field: 'photos',
  maxFiles: PHOTO_MAX_PER_REQUEST,
  maxBytes: PHOTO_MAX_BYTES,
  tooLarge: 'errors.photo_too_large',
  limitText: '10 MB',
});

@ApiTags('incidents')
@ApiBearerAuth()
@ApiExtraModels(CreateIncidentDto, ...ACTION_DTOS)
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly actions: IncidentActionsService,
  ) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Incidents in the caller’s scope, newest first; `seq` continues with socket `sync`.' })
  @ApiOkResponse({ type: IncidentPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: IncidentListQueryDto): Promise<Page<Incident>> {
    return this.incidents.list(actor, q);
  }

  @Authenticated()
  @Get('counts')
  @ApiOperation({ summary: 'Counts by state and overdue, for the duty queue header.' })
  @ApiOkResponse({ type: IncidentCountsDto })
  counts(@CurrentActor() actor: Actor): Promise<{ byState: Record<string, number>; overdue: number; seq: number }> {
    return this.incidents.counts(actor);
  }

  @Can('incident.report')
  @Post()
  @UseInterceptors(PhotoUpload)
  @ApiOperation({
    summary: 'Report an incident',
    description:
      'JSON body, or multipart/form-data with the JSON in field `data` and up to 9 photos in `photos` ' +
      '(JPEG/PNG/WebP, 10 MB each; 413/415 otherwise). The grid is derived from the map point when not given. ' +
      'The same `clientId` again (a retry) answers the incident it made (header `Idempotent-Replayed: true`), ' +
      'also for concurrent copies; with another category or title → 409 `errors.client_id_taken`, the kept incident in `current`.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { $ref: getSchemaPath(CreateIncidentDto) } })
  @ApiOkResponse({ type: IncidentActionResultDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentActionResult> {
    const input = parse(createIncidentSchema, multipartJson(body));
    const { result, replayed } = await this.incidents.create(actor, input, files ?? []);
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    return result;
  }

  @Authenticated()
  @Get(':id')
  @ApiOperation({ summary: 'One incident with its timeline.' })
  @ApiOkResponse({ type: IncidentDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<IncidentDetail> {
    return this.incidents.get(actor, id);
  }

  @Authenticated()
  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a lifecycle action',
    description:
      'The shared `incidentWorkflow` decides: wrong state → 409 `errors.transition_not_allowed`, wrong role → 403 ' +
      '`errors.role_not_allowed`, missing fields → 400; its conditions answer 403 `errors.not_owner` / ' +
      '`errors.not_assigned`. A stale `version` → 409 `errors.conflict` with `current`. `verify` with rating ' +
      '`dissatisfied` reopens the item (needs `note`).',
  })
  @ApiParam({ name: 'action', enum: INCIDENT_ACTIONS })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: IncidentActionResultDto })
  act(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<IncidentActionResult> {
    return this.actions.act(actor, id, action, body);
  }

  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The reporter’s name and phone, and the description, in clear text; audited as pii.reveal.',
  })
  @ApiOkResponse({ type: RevealedContactDto })
  reveal(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<RevealedContact> {
    return this.incidents.reveal(actor, id);
  }

  @Authenticated()
  @Post(':id/photos')
  @UseInterceptors(PhotoUpload)
  @ApiOperation({
    summary: 'Add photos (multipart field `photos`, up to 9)',
    description:
      '`kind=result` for photos of the result (referenced by `resolve`). 413 over 10 MB, 415 not JPEG/PNG/WebP.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'kind', enum: PHOTO_KINDS, required: false })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { photos: { type: 'array', items: { type: 'string', format: 'binary' } } },
    },
  })
  @ApiOkResponse({ type: IncidentActionResultDto })
  addPhotos(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Query('kind') kind: string | undefined,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<IncidentActionResult> {
    const k = kind ?? 'report';
    if (!(PHOTO_KINDS as readonly string[]).includes(k)) {
      throw invalidField('kind', 'invalid_enum_value', 'report | result');
    }
    return this.incidents.addPhotos(actor, id, files ?? [], k as (typeof PHOTO_KINDS)[number]);
  }

  @Authenticated()
  @Get(':id/photos/:photoId')
  @ApiOperation({ summary: 'A photo (as private as its incident).' })
  async photo(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('photoId', new ParseUuid('photoId')) photoId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPhoto(res, await this.incidents.photo(actor, id, photoId, false));
  }

  @Authenticated()
  @Get(':id/photos/:photoId/thumb')
  @ApiOperation({ summary: 'A photo’s thumbnail (WebP, 320 px), for map popups.' })
  async thumb(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('photoId', new ParseUuid('photoId')) photoId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPhoto(res, await this.incidents.photo(actor, id, photoId, true));
  }
}

/** Multipart requests carry the JSON in the `data` field. */
function multipartJson(body: unknown): unknown {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'string') return body;
  try {
    return JSON.parse(data);
  } catch {
    throw invalidField('data', 'invalid_json', '`data` 不是有效的 JSON / `data` is not valid JSON');
  }
}
