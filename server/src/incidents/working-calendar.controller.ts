import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type WorkdayOverride, workdayOverrideInputSchema, workdayOverrideSchema } from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { parse } from '../common/validation';
import { IncidentConfigService } from './incident-config.service';

class WorkdayOverrideDto extends createZodDto(workdayOverrideSchema) {}
class WorkdayOverrideInputDto extends createZodDto(workdayOverrideInputSchema) {}
const dateParam = z.iso.date();

/**
 * The working calendar's corrections: `chinese-days` knows the published years; when the State
 * Council announces the next year's holidays and 调休 days before the package does, an admin
 * enters them here (a day off: workday=false; a make-up Saturday: workday=true).
 */
@ApiTags('incident configuration')
@ApiBearerAuth()
@Controller('working-calendar')
export class WorkingCalendarController {
  constructor(private readonly config: IncidentConfigService) {}

  @Authenticated()
  @Get('overrides')
  @ApiQuery({ name: 'year', required: false, type: Number })
  @ApiOkResponse({ type: [WorkdayOverrideDto] })
  overrides(@Query('year') year?: string): Promise<WorkdayOverride[]> {
    return this.config.overrides(year ? parse(z.coerce.number().int().min(2000).max(2100), year, 'year') : undefined);
  }

  @Can('incident.configure', { configScope: 'district' })
  @Put('overrides/:date')
  @ApiOperation({ summary: 'Mark one day (YYYY-MM-DD) as a working day or a day off.' })
  @ApiOkResponse({ type: WorkdayOverrideDto })
  put(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Body() body: WorkdayOverrideInputDto,
  ): Promise<WorkdayOverride> {
    return this.config.putOverride(actor, parse(dateParam, date, 'date'), body);
  }

  @Can('incident.configure', { configScope: 'district' })
  @Delete('overrides/:date')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<void> {
    await this.config.deleteOverride(actor, parse(dateParam, date, 'date'));
  }
}
