import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Locale, localeFrom } from '@gridboard/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { ActorResolver } from '../auth/actor-resolver';
import { Public } from '../auth/policy.decorators';
import { unauthorized } from '../common/errors';
import { parse } from '../common/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { type GeoReportRequest, type GeoReportService, Open311Service } from './open311.service';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).optional(),
  );
const requestsQuery = z.object({
  service_code: list(z.string().max(40)),
  status: list(z.enum(['open', 'closed'])),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  jurisdiction_id: z.string().optional(),
});

/**
 * Open311 GeoReport v2, read only, so existing civic tools can follow the street's incidents.
 * Readable without login unless OPEN311_PUBLIC=false; then a bearer token is needed. Personal
 * data and drill items never appear.
 */
@ApiTags('open311')
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly actors: ActorResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('services.json')
  @ApiOperation({ summary: 'GeoReport v2 service list: the incident categories.' })
  async services(@Req() req: Request): Promise<GeoReportService[]> {
    await this.reader(req);
    return this.open311.services(locale(req));
  }

  @Public()
  @Get('requests.json')
  @ApiOperation({ summary: 'GeoReport v2 service requests (default: the last 90 days, at most 1000).' })
  @ApiQuery({ name: 'service_code', required: false, description: 'comma-separated category codes' })
  @ApiQuery({ name: 'status', required: false, description: 'open | closed' })
  @ApiQuery({ name: 'start_date', required: false })
  @ApiQuery({ name: 'end_date', required: false })
  @ApiQuery({ name: 'jurisdiction_id', required: false, description: 'a street code' })
  async requests(@Req() req: Request, @Query() query: Record<string, unknown>): Promise<GeoReportRequest[]> {
    const actor = await this.reader(req);
    const q = parse(requestsQuery, query);
    return this.open311.requests(
      actor,
      {
        jurisdictionId: q.jurisdiction_id,
        serviceCodes: q.service_code?.length ? q.service_code : undefined,
        status: q.status?.length ? q.status : undefined,
        startDate: q.start_date ? new Date(q.start_date) : undefined,
        endDate: q.end_date ? new Date(q.end_date) : undefined,
      },
      locale(req),
    );
  }

  @Public()
  @Get('requests/:id.json')
  @ApiOperation({
    summary: 'One GeoReport v2 service request by its number (SJ-YYYYMMDD-NNNN), as a one-element array.',
  })
  @ApiQuery({ name: 'jurisdiction_id', required: false, description: 'a street code' })
  async request(
    @Req() req: Request,
    @Param('id') id: string,
    @Query('jurisdiction_id') jurisdictionId?: string,
  ): Promise<GeoReportRequest[]> {
    return this.open311.request(await this.reader(req), id, jurisdictionId, locale(req));
  }

  /** null for anonymous readers of the public feed; the caller when the feed needs a login. */
  private async reader(req: Request): Promise<Actor | null> {
    if (this.config.open311Public) return null;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const actor = await this.actors.fromToken(token, null, req.ip ?? null);
    if (!actor) throw unauthorized('errors.open311_disabled');
    return actor;
  }
}

function locale(req: Request): Locale {
  return localeFrom(req.headers['accept-language']);
}
