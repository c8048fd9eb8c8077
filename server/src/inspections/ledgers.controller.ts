import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  hazardLedgerQuerySchema,
  ledgerQuerySchema,
  type MonthlySummary,
  monthlySummarySchema,
  summaryQuerySchema,
} from '@gridboard/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { LedgersService, type Xlsx } from './ledgers.service';

class LedgerQueryDto extends createZodDto(ledgerQuerySchema) {}
class HazardLedgerQueryDto extends createZodDto(hazardLedgerQuerySchema) {}
class SummaryQueryDto extends createZodDto(summaryQuerySchema) {}
class MonthlySummaryDto extends createZodDto(monthlySummarySchema) {}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 台账 downloads and the monthly summary (real data only, the caller's scope). */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller()
export class LedgersController {
  constructor(private readonly ledgers: LedgersService) {}

  @Can('inspection.read')
  @Get('inspections/records.xlsx')
  @ApiOperation({
    summary: '检查台账: one row per inspection (inspected in [from, to))',
    description:
      'Title row, header row (序号, 场所名称, 场所类型, 地址, 社区, 网格, 检查时间, 检查人, 专项行动, 检查表, 检查结果, 不合格项, ' +
      '隐患数, 隐患描述, 整改期限, 整改情况, 复查人, 销号时间), rows, 合计 row.',
  })
  @ApiProduces(XLSX)
  async records(@CurrentActor() actor: Actor, @Query() q: LedgerQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.ledgers.records(actor, q));
  }

  @Can('inspection.read')
  @Get('hazards.xlsx')
  @ApiOperation({
    summary: '隐患台账: one row per hazard (found in [from, to))',
    description:
      'Columns 序号, 隐患编号, 场所名称, 地址, 社区, 网格, 专项行动, 检查项, 隐患描述, 隐患等级, 责任单位, 责任人 (masked), ' +
      '联系电话 (masked), 发现人, 发现时间, 整改期限, 延期次数, 整改情况, 是否超期, 是否复发, 复查人, 销号时间; 合计 row.',
  })
  @ApiProduces(XLSX)
  async hazards(@CurrentActor() actor: Actor, @Query() q: HazardLedgerQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.ledgers.hazards(actor, q));
  }

  @Can('inspection.read')
  @Get('inspections/summary')
  @ApiOperation({
    summary: 'Monthly summary (月报): inspections, hazards found / closed / open at month end, per grid and campaign',
  })
  @ApiOkResponse({ type: MonthlySummaryDto })
  summary(@CurrentActor() actor: Actor, @Query() q: SummaryQueryDto): Promise<MonthlySummary> {
    return this.ledgers.summary(actor, q);
  }

  @Can('inspection.read')
  @Get('inspections/summary.xlsx')
  @ApiOperation({ summary: 'The monthly summary as a workbook: 月度汇总, 分网格, 分专项行动' })
  @ApiProduces(XLSX)
  async summaryXlsx(@CurrentActor() actor: Actor, @Query() q: SummaryQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.ledgers.summaryXlsx(actor, q));
  }
}

function send(res: Response, file: Xlsx): void {
  res.setHeader('content-type', XLSX);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.setHeader('cache-control', 'no-store');
  res.end(file.data);
}
