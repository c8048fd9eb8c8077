import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  type FloodProgressDetail,
  floodProgressDetailSchema,
  type FloodReview,
  floodReviewSchema,
  type FloodStep,
  type FloodWarning,
  floodWarningDetailSchema,
  floodWarningListQuerySchema,
  floodWarningPageSchema,
  type FloodWarningResult,
  floodWarningResultSchema,
  issueWarningSchema,
  type Page,
  WARNING_ACTION_SCHEMAS,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { CapService } from './cap.service';
import { ProgressService } from './progress.service';
import { ReviewService } from './review.service';
import { WarningsService } from './warnings.service';

class FloodWarningIssueDto extends createZodDto(issueWarningSchema) {}
class FloodWarningListQueryDto extends createZodDto(floodWarningListQuerySchema) {}
class FloodWarningPageDto extends createZodDto(floodWarningPageSchema) {}
class FloodWarningDetailDto extends createZodDto(floodWarningDetailSchema) {}
class FloodWarningResultDto extends createZodDto(floodWarningResultSchema) {}
class FloodWarningProgressDto extends createZodDto(floodProgressDetailSchema) {}
class FloodWarningReviewDto extends createZodDto(floodReviewSchema) {}
class FloodWarningChangeLevelDto extends createZodDto(WARNING_ACTION_SCHEMAS.change_level) {}
class FloodWarningLiftDto extends createZodDto(WARNING_ACTION_SCHEMAS.lift) {}
class FloodWarningCloseDto extends createZodDto(WARNING_ACTION_SCHEMAS.close) {}
const ACTION_DTOS = [FloodWarningChangeLevelDto, FloodWarningLiftDto, FloodWarningCloseDto];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 防汛预警 (`/api/flood/warnings`). Fixed paths (`active.atom`, `:id.cap.xml`) are declared before
 * `:id`, which would otherwise take them.
 */
@ApiTags('flood')
@ApiBearerAuth()
@ApiExtraModels(...ACTION_DTOS)
@Controller('flood/warnings')
export class WarningsController {
  constructor(
    private readonly warnings: WarningsService,
    private readonly progress: ProgressService,
    private readonly review: ReviewService,
    private readonly cap: CapService,
  ) {}

  @Can('flood.read')
  @Get()
  @ApiOperation({ summary: 'Warnings of the caller’s street, newest first (`drill=exclude` for real ones only).' })
  @ApiOkResponse({ type: FloodWarningPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: FloodWarningListQueryDto): Promise<Page<FloodWarning>> {
    return this.warnings.list(actor, q);
  }

  @Can('flood.read')
  @Get('active.atom')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOperation({
    summary: 'Atom feed of active real warnings, each entry carrying its CAP 1.2 alert',
    description: 'For other alerting systems (a service account with `flood.read`). Drill warnings never appear.',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  feed(@CurrentActor() actor: Actor): Promise<string> {
    return this.cap.feed(actor);
  }

  @Can('flood.warn')
  @Post()
  @ApiOperation({
    summary: 'Issue a warning (发布预警): type, level, message and scope',
    description:
      'Scope: `{kind: "street"}`, `{kind: "grids", gridIds}` or `{kind: "area", area}` (GeoJSON Polygon/MultiPolygon; ' +
      'buildings on the edge are inside, in a hole outside). Creates a transfer task for every register household in ' +
      'scope, except those still tracked by another open warning (listed in the step’s `detail.alreadyTracked`). ' +
      '`drillId` marks a drill; a drill coordinator must give one (403 `errors.flood_drill_only`). Events: ' +
      '`flood.warning.issued` (street-wide), `flood.tasks.created` (per grid), `flood.progress`.',
  })
  @ApiOkResponse({ type: FloodWarningResultDto })
  issue(@CurrentActor() actor: Actor, @Body() body: FloodWarningIssueDto): Promise<FloodWarningResult> {
    return this.warnings.issue(actor, body);
  }

  @Can('flood.read')
  @Get(':id.cap.xml')
  @Header('content-type', 'application/cap+xml; charset=utf-8')
  @ApiProduces('application/cap+xml')
  @ApiOperation({
    summary: 'The warning as an OASIS CAP 1.2 alert (its latest message)',
    description:
      'msgType Alert (issued), Update (level changed) or Cancel (lifted), with `references` to the earlier messages; ' +
      'status Exercise for drills; times in +08:00; polygons "lat,lon …" (outer rings: CAP has no holes).',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  capXml(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<string> {
    return this.cap.document(actor, id);
  }

  @Can('flood.read')
  @Get(':id')
  @ApiOkResponse({ type: FloodWarningDetailDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<FloodWarning & { timeline: FloodStep[] }> {
    return this.warnings.get(actor, id);
  }

  @Can('flood.read')
  @Get(':id/progress')
  @ApiOperation({
    summary: 'Live progress: households and people by state, per grid, per shelter (occupancy vs capacity)',
    description:
      '`atHome`: pending, notified and refused households in the caller’s jurisdiction with their cadre (phone ' +
      'masked; reveal through the household) — null for roles that neither transfer nor warn. Kept current by ' +
      '`flood.progress` events (same shape without `atHome`).',
  })
  @ApiOkResponse({ type: FloodWarningProgressDto })
  progressOf(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<FloodProgressDetail> {
    return this.progress.detail(actor, id);
  }

  @Can('flood.read')
  @Get(':id/review')
  @ApiOperation({
    summary: '雨后复盘: timeline, each household’s minutes to notice and to safety, grids slowest first',
  })
  @ApiOkResponse({ type: FloodWarningReviewDto })
  reviewOf(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<FloodReview> {
    return this.review.review(actor, id);
  }

  @Can('flood.read')
  @Get(':id/review.xlsx')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The review as a workbook (概况, 网格用时, 逐户, 时间线)' })
  async reviewXlsx(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<StreamableFile> {
    const { filename, buffer } = await this.review.workbook(actor, id);
    return new StreamableFile(buffer, { type: XLSX, disposition: `attachment; filename="${filename}"` });
  }

  @Can('flood.warn')
  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'change_level (升级/降级) | lift (解除: return tracking starts) | close',
    description:
      '`floodWarningWorkflow` decides (409 state, 403 role, 400 fields); `version` is the warning’s. close with anyone ' +
      'not yet home → 409 `errors.flood_unaccounted` (`current` lists them) unless `exceptionReason` is given, which is ' +
      'recorded as the warning’s `closeException`. Event: `flood.warning.changed`, then `flood.progress`.',
  })
  @ApiParam({ name: 'action', enum: Object.keys(WARNING_ACTION_SCHEMAS) })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: FloodWarningResultDto })
  act(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<FloodWarningResult> {
    return this.warnings.act(actor, id, action, body);
  }
}
