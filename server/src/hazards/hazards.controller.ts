import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  createHazardSchema,
  type Hazard,
  HAZARD_ACTION_SCHEMAS,
  HAZARD_ACTIONS,
  hazardActionResultSchema,
  type HazardActionResult,
  hazardCountsSchema,
  type HazardDetail,
  hazardDetailSchema,
  hazardListQuerySchema,
  hazardPageSchema,
  hazardRevealSchema,
  type Page,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { HazardActionsService } from './hazard-actions.service';
import { HazardsService } from './hazards.service';

class CreateHazardDto extends createZodDto(createHazardSchema) {}
class HazardListQueryDto extends createZodDto(hazardListQuerySchema) {}
class HazardPageDto extends createZodDto(hazardPageSchema) {}
class HazardDetailDto extends createZodDto(hazardDetailSchema) {}
class HazardActionResultDto extends createZodDto(hazardActionResultSchema) {}
class HazardCountsDto extends createZodDto(hazardCountsSchema) {}
class HazardRevealDto extends createZodDto(hazardRevealSchema) {}
class StartRectificationDto extends createZodDto(HAZARD_ACTION_SCHEMAS.start_rectification) {}
class SubmitRectificationDto extends createZodDto(HAZARD_ACTION_SCHEMAS.submit_rectification) {}
class RecheckPassDto extends createZodDto(HAZARD_ACTION_SCHEMAS.recheck_pass) {}
class RecheckFailDto extends createZodDto(HAZARD_ACTION_SCHEMAS.recheck_fail) {}
class RequestExtensionDto extends createZodDto(HAZARD_ACTION_SCHEMAS.request_extension) {}
class ApproveExtensionDto extends createZodDto(HAZARD_ACTION_SCHEMAS.approve_extension) {}
class RejectExtensionDto extends createZodDto(HAZARD_ACTION_SCHEMAS.reject_extension) {}
class SuperviseDto extends createZodDto(HAZARD_ACTION_SCHEMAS.supervise) {}
const ACTION_DTOS = [
  StartRectificationDto,
  SubmitRectificationDto,
  RecheckPassDto,
  RecheckFailDto,
  RequestExtensionDto,
  ApproveExtensionDto,
  RejectExtensionDto,
  SuperviseDto,
];

@ApiTags('hazards')
@ApiBearerAuth()
@ApiExtraModels(...ACTION_DTOS)
@Controller('hazards')
export class HazardsController {
  constructor(
    private readonly hazards: HazardsService,
    private readonly actions: HazardActionsService,
  ) {}

  @Can('inspection.read')
  @Get()
  @ApiOperation({
    summary: 'Hazards (隐患) in the caller’s scope, newest first',
    description:
      'A department sees the hazards of campaigns it joins. `overdue=true`: open or rectifying past the deadline.',
  })
  @ApiOkResponse({ type: HazardPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: HazardListQueryDto): Promise<Page<Hazard>> {
    return this.hazards.list(actor, q);
  }

  @Can('inspection.read')
  @Get('counts')
  @ApiOperation({ summary: 'Real hazards by state, overdue and recurring ones (动态清零 at a glance)' })
  @ApiOkResponse({ type: HazardCountsDto })
  counts(
    @CurrentActor() actor: Actor,
  ): Promise<{ byState: Record<string, number>; overdue: number; recurring: number; seq: number }> {
    return this.hazards.counts(actor);
  }

  @Can('inspection.record')
  @Post()
  @ApiOperation({
    summary: 'Raise a hazard after the visit, from a failed item of a record (or `itemKey` null: another finding)',
    description: '409 `errors.hazard_exists` when that item of the record already has one. Event `hazard.changed`.',
  })
  @ApiOkResponse({ type: HazardActionResultDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateHazardDto): Promise<HazardActionResult> {
    return this.hazards.create(actor, body);
  }

  @Can('inspection.read')
  @Get(':id')
  @ApiOperation({ summary: 'One hazard with its timeline' })
  @ApiOkResponse({ type: HazardDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<HazardDetail> {
    return this.hazards.get(actor, id);
  }

  @Authenticated()
  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a lifecycle step: open → rectifying → awaiting_recheck → closed (销号)',
    description:
      '`hazardWorkflow` decides (409 `errors.transition_not_allowed`, 403 `errors.role_not_allowed`, 400 fields). ' +
      '`recheck_pass` needs `recordId`: a re-inspection record of the site, made after `submit_rectification`, by ' +
      'someone other than the finder, with photos — else 400 `errors.recheck_required`, 409 `errors.recheck_same_user` ' +
      '/ `recheck_no_photo` / `recheck_wrong_site` / `recheck_stale` / `recheck_item_failed`. One extension request at ' +
      'a time (409 `errors.extension_pending`); approve/reject without one → 409 `errors.no_extension_pending`. Stale ' +
      '`version` → 409 `errors.conflict` with `current`. Event `hazard.changed` (+ `campaign.progress`).',
  })
  @ApiParam({ name: 'action', enum: HAZARD_ACTIONS })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: HazardActionResultDto })
  act(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<HazardActionResult> {
    return this.actions.act(actor, id, action, body);
  }

  @Can('pii.reveal')
  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The responsible person and phone in clear text; audited as pii.reveal.' })
  @ApiOkResponse({ type: HazardRevealDto })
  reveal(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<{ id: string; responsibleContact: string | null; responsiblePhone: string | null }> {
    return this.hazards.reveal(actor, id);
  }
}
