import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ackAlarmSchema,
  type ListedAlarm,
  type AlarmAck,
  alarmAckSchema,
  alarmListSchema,
  type BoardFigures,
  type BoardIncidents,
  boardFiguresSchema,
  boardIncidentsSchema,
  type MapConfig,
  mapConfigSchema,
  type OnDuty,
  onDutySchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { AlarmsService } from './alarms.service';
import { BoardService } from './board.service';
import { MapConfigService } from './map-config.service';

class BoardIncidentsDto extends createZodDto(boardIncidentsSchema) {}
class BoardFiguresDto extends createZodDto(boardFiguresSchema) {}
class OnDutyDto extends createZodDto(onDutySchema) {}
class AlarmListDto extends createZodDto(alarmListSchema) {}
class AckAlarmDto extends createZodDto(ackAlarmSchema) {}
class AlarmAckDto extends createZodDto(alarmAckSchema) {}
class MapConfigDto extends createZodDto(mapConfigSchema) {}

@ApiTags('board')
@ApiBearerAuth()
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Can('geo.read')
  @Get('incidents')
  @ApiOperation({
    summary:
      'Every incident of the caller’s scope as a compact map marker (no personal data), by column (repeated values once), with its seq.',
  })
  @ApiOkResponse({ type: BoardIncidentsDto })
  incidents(@CurrentActor() actor: Actor): Promise<BoardIncidents> {
    return this.board.incidents(actor);
  }

  @Can('geo.read')
  @Get('figures')
  @ApiOperation({
    summary:
      'Key figures: today’s incidents, open, overdue, summons pending, people to transfer, open hazards (drills excluded).',
  })
  @ApiOkResponse({ type: BoardFiguresDto })
  figures(@CurrentActor() actor: Actor): Promise<BoardFigures> {
    return this.board.figures(actor);
  }

  @Can('geo.read')
  @Get('on-duty')
  @ApiOperation({ summary: 'Who is on duty on the caller’s street (leaders and duty officers).' })
  @ApiOkResponse({ type: OnDutyDto })
  onDuty(@CurrentActor() actor: Actor): Promise<OnDuty> {
    return this.board.onDuty(actor);
  }
}

@ApiTags('board')
@ApiBearerAuth()
@Controller('alarms')
export class AlarmsController {
  constructor(private readonly alarms: AlarmsService) {}

  @Can('geo.read')
  @Get()
  @ApiOperation({ summary: 'Alarms of the caller’s scope that nobody has acknowledged yet (last 72 hours).' })
  @ApiOkResponse({ type: AlarmListDto })
  list(@CurrentActor() actor: Actor): Promise<{ items: ListedAlarm[]; total: number; seq: number }> {
    return this.alarms.open(actor);
  }

  @Can('alarm.ack')
  @Post('ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alarm (audited; every screen stops sounding it). Idempotent.' })
  @ApiOkResponse({ type: AlarmAckDto })
  ack(@CurrentActor() actor: Actor, @Body() body: AckAlarmDto): Promise<AlarmAck> {
    return this.alarms.acknowledge(actor, body);
  }
}

@ApiTags('board')
@Controller('config')
export class MapConfigController {
  constructor(private readonly mapConfig: MapConfigService) {}

  @Authenticated()
  @Get('map')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The basemap: the offline vector layers, or raster tiles (Tianditu, OSM, AMap, self-hosted).',
  })
  @ApiOkResponse({ type: MapConfigDto })
  map(): MapConfig {
    return this.mapConfig.get();
  }
}
