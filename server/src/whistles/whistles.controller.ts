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
  blowWhistleSchema,
  type Page,
  performanceQuerySchema,
  performanceSchema,
  SUMMONS_ACTION_SCHEMAS,
  type Whistle,
  WHISTLE_ACTION_SCHEMAS,
  whistleActionResultSchema,
  whistleDetailSchema,
  whistleListQuerySchema,
  whistlePageSchema,
  type WhistleStep,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { WhistlePerformanceService } from './whistle-performance.service';
import { WhistlesService } from './whistles.service';

class BlowWhistleDto extends createZodDto(blowWhistleSchema) {}
class WhistleListQueryDto extends createZodDto(whistleListQuerySchema) {}
class WhistlePageDto extends createZodDto(whistlePageSchema) {}
class WhistleDetailDto extends createZodDto(whistleDetailSchema) {}
class WhistleActionResultDto extends createZodDto(whistleActionResultSchema) {}
class PerformanceQueryDto extends createZodDto(performanceQuerySchema) {}
class PerformanceDto extends createZodDto(performanceSchema) {}
class RaiseDto extends createZodDto(WHISTLE_ACTION_SCHEMAS.raise) {}
class ConfirmDto extends createZodDto(WHISTLE_ACTION_SCHEMAS.confirm) {}
class CancelDto extends createZodDto(WHISTLE_ACTION_SCHEMAS.cancel) {}
class AcknowledgeDto extends createZodDto(SUMMONS_ACTION_SCHEMAS.acknowledge) {}
class ArriveDto extends createZodDto(SUMMONS_ACTION_SCHEMAS.arrive) {}
class ReportDto extends createZodDto(SUMMONS_ACTION_SCHEMAS.report) {}
const WHISTLE_DTOS = [RaiseDto, ConfirmDto, CancelDto];
const SUMMONS_DTOS = [AcknowledgeDto, ArriveDto, ReportDto];

type Result = { whistle: Whistle; step: WhistleStep };

@ApiTags('whistles')
@ApiBearerAuth()
@ApiExtraModels(...WHISTLE_DTOS, ...SUMMONS_DTOS)
@Controller('whistles')
export class WhistlesController {
  constructor(
    private readonly whistles: WhistlesService,
    private readonly performanceService: WhistlePerformanceService,
  ) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Whistles in the caller’s scope (a department: those it was summoned to), newest first.' })
  @ApiOkResponse({ type: WhistlePageDto })
  list(@CurrentActor() actor: Actor, @Query() q: WhistleListQueryDto): Promise<Page<Whistle>> {
    return this.whistles.list(actor, q);
  }

  @Authenticated()
  @Get('performance')
  @ApiOperation({
    summary: 'Department performance: median/p90 minutes to 报到, on-time rate, resolution rate (drills excluded).',
  })
  @ApiOkResponse({ type: PerformanceDto })
  performance(
    @CurrentActor() actor: Actor,
    @Query() q: PerformanceQueryDto,
  ): Promise<z.infer<typeof performanceSchema>> {
    return this.performanceService.performance(actor, q);
  }

  @Can('whistle.blow')
  @Post()
  @ApiOperation({
    summary: 'Blow the whistle on an incident (吹哨)',
    description:
      'Summons departments of the street, each with a report-for-duty deadline (default 30 min). One open ' +
      'whistle per incident (409 `errors.whistle_open`: raise it instead).',
  })
  @ApiOkResponse({ type: WhistleActionResultDto })
  blow(@CurrentActor() actor: Actor, @Body() body: BlowWhistleDto): Promise<Result> {
    return this.whistles.blow(actor, body);
  }

  @Authenticated()
  @Get(':id')
  @ApiOkResponse({ type: WhistleDetailDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<Whistle & { timeline: WhistleStep[] }> {
    return this.whistles.get(actor, id);
  }

  @Authenticated()
  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'raise (升级: next level, more departments) | confirm (all reported → closed) | cancel',
    description:
      '`whistleWorkflow` decides (409 state, 403 role, 400 fields). confirm before every department reported → 409 ' +
      '`errors.summons_pending`; raising past level 3 → 409 `errors.max_level`. `version` is the whistle’s.',
  })
  @ApiParam({ name: 'action', enum: Object.keys(WHISTLE_ACTION_SCHEMAS) })
  @ApiBody({ schema: { oneOf: WHISTLE_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: WhistleActionResultDto })
  act(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<Result> {
    return this.whistles.act(actor, id, action, body);
  }

  @Authenticated()
  @Post(':id/summons/:summonsId/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A summoned department: acknowledge (签收) | arrive (报到, optional lat/lng) | report (反馈 result)',
    description:
      '`summonsWorkflow` decides (409 state, 403 role, 400 fields); only staff of the summoned department (403 ' +
      '`errors.not_summoned`). `version` is the summons’.',
  })
  @ApiParam({ name: 'action', enum: Object.keys(SUMMONS_ACTION_SCHEMAS) })
  @ApiBody({ schema: { oneOf: SUMMONS_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: WhistleActionResultDto })
  summonsAct(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('summonsId', new ParseUuid('summonsId')) summonsId: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<Result> {
    return this.whistles.summonsAct(actor, id, summonsId, action, body);
  }
}
