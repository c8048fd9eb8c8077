import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type InspectionSettings,
  inspectionSettingsSchema,
  type Page,
  settingsQuerySchema,
  type SiteStatus,
  siteStatusPageSchema,
  siteStatusQuerySchema,
  updateIntervalsSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { SupervisionService } from './supervision.service';

class SettingsQueryDto extends createZodDto(settingsQuerySchema) {}
class SettingsDto extends createZodDto(inspectionSettingsSchema) {}
class UpdateIntervalsDto extends createZodDto(updateIntervalsSchema) {}
class SiteStatusQueryDto extends createZodDto(siteStatusQuerySchema) {}
class SiteStatusPageDto extends createZodDto(siteStatusPageSchema) {}

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Can('inspection.read')
  @Get('intervals')
  @ApiOperation({
    summary: 'Inspection intervals by supervision grade (分级包保), in months',
    description: 'The street’s own, or the defaults A 1, B 3, C 6 (`version` 0). District-wide users name `streetId`.',
  })
  @ApiOkResponse({ type: SettingsDto })
  intervals(@CurrentActor() actor: Actor, @Query() q: SettingsQueryDto): Promise<InspectionSettings> {
    return this.supervision.settings(actor, q.streetId);
  }

  @Can('inspection.manage', { configScope: 'street' })
  @Put('intervals')
  @ApiOperation({
    summary: 'Set the street’s inspection intervals',
    description:
      '`version` is the one read (0 while on the defaults); stale → 409 with `current`. Event `inspection.intervals.changed`.',
  })
  @ApiOkResponse({ type: SettingsDto })
  setIntervals(@CurrentActor() actor: Actor, @Body() body: UpdateIntervalsDto): Promise<InspectionSettings> {
    return this.supervision.updateIntervals(actor, body);
  }

  @Can('inspection.read')
  @Get('due')
  @ApiOperation({
    summary: 'Sites due for inspection: never inspected, overdue, or due within `withinDays` (default 14)',
    description:
      'Per grid with `gridId`; overdue first. The interval follows the site’s grade; only real (non-drill) records count. ' +
      'Departments see the targets of campaigns they join.',
  })
  @ApiOkResponse({ type: SiteStatusPageDto })
  due(@CurrentActor() actor: Actor, @Query() q: SiteStatusQueryDto): Promise<Page<SiteStatus>> {
    return this.supervision.due(actor, q);
  }

  @Can('inspection.read')
  @Get('sites-status')
  @ApiOperation({
    summary: 'Every site in scope with its last result, due status and open hazards (the board layer)',
    description:
      'Colour by `lastResult`, `dueStatus`, `openHazards` / `maxOpenSeverity`; `bbox` for the viewport, `campaignId` for ' +
      'a campaign’s targets. Live updates: `siteStatus` in `inspection.recorded`, `hazard.changed`, `hazard.overdue`.',
  })
  @ApiOkResponse({ type: SiteStatusPageDto })
  sitesStatus(@CurrentActor() actor: Actor, @Query() q: SiteStatusQueryDto): Promise<Page<SiteStatus>> {
    return this.supervision.siteStatus(actor, q);
  }
}
