import { Injectable } from '@nestjs/common';
import {
  DEFAULT_INTERVAL_MONTHS,
  type InspectionSettings,
  type Page,
  type SiteStatus,
  type SiteStatusQuery,
  type IntervalMonths,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { invalidField, versionConflict } from '../common/errors';
import { streetOf } from '../common/params';
import { Db } from '../db/db';
import { streetWideJurisdiction, toSiteStatusDto } from './inspection-dto';
import { PlacesRepository } from './places.repository';
import { SupervisionRepository } from './supervision.repository';

/** What the due list shows unless asked otherwise: everything that needs a visit. */
const NEEDS_A_VISIT = ['never', 'overdue', 'due'];

/**
 * 分级包保: the grade of a site sets how often it must be inspected (the street's intervals, or
 * A monthly, B quarterly, C half-yearly); the due list and the board layer follow from the last
 * real inspection of each site and its open hazards.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly repo: SupervisionRepository,
    private readonly places: PlacesRepository,
    private readonly commands: Commands,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async settings(actor: Actor, streetId: string | undefined): Promise<InspectionSettings> {
    const street = streetOf(actor, streetId);
    const row = await this.repo.settings(street);
    return row
      ? { streetId: street, intervalMonths: row.intervalMonths, version: row.version }
      : { streetId: street, intervalMonths: { ...DEFAULT_INTERVAL_MONTHS }, version: 0 };
  }

  async updateIntervals(
    actor: Actor,
    input: { streetId?: string; intervalMonths: IntervalMonths; version: number },
  ): Promise<InspectionSettings> {
    const street = streetOf(actor, input.streetId);
    if (!(await this.places.streetExists(street))) {
      throw invalidField('streetId', 'not_found', '没有这个街道 / No such street');
    }
    return this.commands.run(actor, async (ctx) => {
      const before = await this.settings(actor, street);
      const row = await this.repo.saveSettings(street, input.intervalMonths, input.version);
      if (!row) throw versionConflict(await this.settings(actor, street));
      const settings = { streetId: street, intervalMonths: row.intervalMonths, version: row.version };
      ctx.audit({
        action: 'inspection.intervals',
        objectType: 'inspection_setting',
        objectId: street,
        before: before.intervalMonths,
        after: settings.intervalMonths,
        streetId: street,
      });
      ctx.emit('inspection.intervals.changed', { settings }, streetWideJurisdiction(street));
      return settings;
    });
  }

  /** Every site in the caller's scope with its status: the board layer. */
  siteStatus(actor: Actor, q: SiteStatusQuery): Promise<Page<SiteStatus>> {
    return this.page(actor, q);
  }

  /** Sites never inspected, overdue or due within `withinDays` (unless `dueStatus` says otherwise). */
  due(actor: Actor, q: SiteStatusQuery): Promise<Page<SiteStatus>> {
    return this.page(actor, q, NEEDS_A_VISIT);
  }

  private async page(actor: Actor, q: SiteStatusQuery, statuses?: readonly string[]): Promise<Page<SiteStatus>> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(() => this.repo.siteStatus(actor.scope, q, now, statuses));
    return { items: result.rows.map(toSiteStatusDto), total: result.total, seq };
  }
}
