import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
  checkinSchema,
  type FloodStats,
  floodStatsQuerySchema,
  floodStatsSchema,
  type FloodStep,
  type Page,
  TASK_ACTION_SCHEMAS,
  type TransferTask,
  transferTaskDetailSchema,
  transferTaskListQuerySchema,
  transferTaskPageSchema,
  type TransferTaskResult,
  transferTaskResultSchema,
} from '@gridboard/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { StatsService } from './stats.service';
import { TasksService } from './tasks.service';

class TransferTaskListQueryDto extends createZodDto(transferTaskListQuerySchema) {}
class TransferTaskPageDto extends createZodDto(transferTaskPageSchema) {}
class TransferTaskDetailDto extends createZodDto(transferTaskDetailSchema) {}
class TransferTaskResultDto extends createZodDto(transferTaskResultSchema) {}
class FloodCheckinDto extends createZodDto(checkinSchema) {}
class FloodStatsQueryDto extends createZodDto(floodStatsQuerySchema) {}
class FloodStatsDto extends createZodDto(floodStatsSchema) {}
class TransferTaskNotifyDto extends createZodDto(TASK_ACTION_SCHEMAS.notify) {}
class TransferTaskMoveDto extends createZodDto(TASK_ACTION_SCHEMAS.move) {}
class TransferTaskShelterDto extends createZodDto(TASK_ACTION_SCHEMAS.shelter) {}
class TransferTaskSelfArrangeDto extends createZodDto(TASK_ACTION_SCHEMAS.self_arrange) {}
class TransferTaskRefuseDto extends createZodDto(TASK_ACTION_SCHEMAS.refuse) {}
class TransferTaskReturnDto extends createZodDto(TASK_ACTION_SCHEMAS.return) {}
const ACTION_DTOS = [
  TransferTaskNotifyDto,
  TransferTaskMoveDto,
  TransferTaskShelterDto,
  TransferTaskSelfArrangeDto,
  TransferTaskRefuseDto,
  TransferTaskReturnDto,
];

/** 转移任务 (`/api/flood/tasks`): one per household per warning, moved door to door by the cadres. */
@ApiTags('flood')
@ApiBearerAuth()
@ApiExtraModels(...ACTION_DTOS)
@Controller('flood/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Can('flood.read')
  @Get()
  @ApiOperation({
    summary: 'Transfer tasks in the caller’s jurisdiction (a grid worker: their grid’s)',
    description: '`mine=true`: the caller’s households (the phone page); `open=true`: of warnings not closed.',
  })
  @ApiOkResponse({ type: TransferTaskPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: TransferTaskListQueryDto): Promise<Page<TransferTask>> {
    return this.tasks.list(actor, q);
  }

  @Can('flood.read')
  @Get(':id')
  @ApiOkResponse({ type: TransferTaskDetailDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
  ): Promise<TransferTask & { timeline: FloodStep[] }> {
    return this.tasks.get(actor, id);
  }

  @Can('flood.transfer')
  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'notify | move | shelter (shelterId, people) | self_arrange (people) | refuse (reason) | return',
    description:
      '`transferWorkflow` decides (409 state, 403 role, 400 fields); `version` is the task’s (stale → 409 with ' +
      '`current`). A `clientId` already sent by this user answers the step it took (header `Idempotent-Replayed: ' +
      'true`), even with a stale version; reused for another task or action → 409 `errors.client_id_taken`. Moving steps need an active warning (409 `errors.flood_warning_not_active`), return a lifted one ' +
      '(409 `errors.flood_warning_not_lifted`). Events: `flood.task.changed`; refuse also `flood.task_refused` (the ' +
      'leader on duty’s alarm); a shelter filled past capacity `flood.shelter_over_capacity`; then `flood.progress`.',
  })
  @ApiParam({ name: 'action', enum: Object.keys(TASK_ACTION_SCHEMAS) })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiOkResponse({ type: TransferTaskResultDto })
  async act(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TransferTaskResult> {
    const { result, replayed } = await this.tasks.act(actor, id, action, body);
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    return result;
  }
}

/** Shelter check-in by transfer card, and the season's real statistics. */
@ApiTags('flood')
@ApiBearerAuth()
@Controller('flood')
export class FloodController {
  constructor(
    private readonly tasks: TasksService,
    private readonly statsService: StatsService,
  ) {}

  @Can('flood.transfer')
  @Post('checkin')
  @HttpCode(200)
  @ApiOperation({
    summary: '扫码入住: shelter the household of a transfer card (its code, the shelter, the people counted)',
    description:
      'For whoever sees the household or works where the shelter is. Shelters the household’s open task of an ' +
      'active warning (409 `errors.flood_no_open_task`; two open tasks → 409 `errors.flood_ambiguous_task`: name ' +
      '`warningId`). Same events as the shelter action; the step is recorded as `checkin`.',
  })
  @ApiOkResponse({ type: TransferTaskResultDto })
  checkin(@CurrentActor() actor: Actor, @Body() body: FloodCheckinDto): Promise<TransferTaskResult> {
    return this.tasks.checkin(actor, body);
  }

  @Can('flood.read')
  @Get('stats')
  @ApiOperation({ summary: 'Real warnings issued in [from, to) and their transfers (drills never count)' })
  @ApiOkResponse({ type: FloodStatsDto })
  stats(@CurrentActor() actor: Actor, @Query() q: FloodStatsQueryDto): Promise<FloodStats> {
    return this.statsService.stats(actor, q);
  }
}
