import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createRecordSchema,
  type InspectionRecord,
  type Page,
  recordListQuerySchema,
  recordPageSchema,
  type RecordResult,
  recordResultSchema,
} from '@gridboard/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { RecordsService } from './records.service';

class CreateRecordDto extends createZodDto(createRecordSchema) {}
class RecordListQueryDto extends createZodDto(recordListQuerySchema) {}
class RecordPageDto extends createZodDto(recordPageSchema) {}
class RecordResultDto extends createZodDto(recordResultSchema) {}

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections/records')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Can('inspection.read')
  @Get()
  @ApiOperation({ summary: 'Inspection records in the caller’s scope, newest first' })
  @ApiOkResponse({ type: RecordPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: RecordListQueryDto): Promise<Page<InspectionRecord>> {
    return this.records.list(actor, q);
  }

  @Can('inspection.record')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit an inspection from the phone page (idempotent by `clientId`)',
    description:
      'Photos first with `POST /api/inspections/photos`, then this JSON naming them. Answers are checked against the exact ' +
      '`templateVersionId` (400 naming each field); failed items listed in `hazards` become hazards in the same ' +
      'transaction. The same `clientId` again answers the same record and hazards (header `Idempotent-Replayed: true`), ' +
      'also for concurrent duplicates. A site the caller may not inspect → 404. Events: `inspection.recorded`, ' +
      '`hazard.changed` per hazard, `campaign.progress`.',
  })
  @ApiOkResponse({ type: RecordResultDto })
  async submit(
    @CurrentActor() actor: Actor,
    @Body() body: CreateRecordDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordResult> {
    const { result, replayed } = await this.records.submit(actor, body);
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    return result;
  }

  @Can('inspection.read')
  @Get(':id')
  @ApiOperation({ summary: 'One record with the hazards it found' })
  @ApiOkResponse({ type: RecordResultDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<RecordResult> {
    return this.records.get(actor, id);
  }
}
