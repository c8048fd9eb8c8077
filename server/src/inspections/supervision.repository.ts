import { Injectable } from '@nestjs/common';
import {
  DEFAULT_DUE_WITHIN_DAYS,
  DEFAULT_INTERVAL_MONTHS,
  type IntervalMonths,
  type Scope,
  type SiteStatusQuery,
} from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import type { SiteStatusRow } from './inspection-dto';
import { InspectionSettingEntity } from './inspection-setting.entity';
import { query } from './sql';

/** Severity as a number, so the worst open hazard of a site is a max(). */
const SEVERITY_RANK = `CASE h.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END`;

/** Extra conditions on each scan of the status query, so one street or one site reads only its rows. */
interface Narrow {
  records: string;
  hazards: string;
  campaigns: string;
  sites: string;
}
const EVERYWHERE: Narrow = { records: '', hazards: '', campaigns: '', sites: '' };
const ONE_STREET: Narrow = {
  records: 'AND r.street_id = :street',
  hazards: 'AND h.street_id = :street',
  campaigns: 'AND c.street_id = :street',
  sites: 'AND s.street_id = :street',
};
const ONE_SITE: Narrow = {
  records: 'AND r.site_id = :siteId',
  hazards: 'AND h.site_id = :siteId',
  campaigns: 'AND cs.site_id = :siteId',
  sites: 'AND s.id = :siteId',
};

/**
 * Every site with its supervision figures: interval by grade (the street's setting or the default),
 * last real inspection, next due date and status, open hazards, and the departments of campaigns
 * that target it (their staff see it).
 */
function siteStatusSql(n: Narrow): string {
  return `
  WITH last AS (
    SELECT DISTINCT ON (r.site_id) r.site_id, r.id, r.inspected_at, r.result
    FROM inspection_record r
    WHERE r.drill_id IS NULL ${n.records}
    ORDER BY r.site_id, r.inspected_at DESC, r.id DESC
  ), open_h AS (
    SELECT h.site_id, count(*)::int AS open_hazards,
      count(*) FILTER (WHERE h.state IN ('open', 'rectifying') AND h.deadline < :now)::int AS overdue_hazards,
      max(${SEVERITY_RANK})::int AS max_rank
    FROM hazard h
    WHERE h.drill_id IS NULL AND h.state <> 'closed' ${n.hazards}
    GROUP BY h.site_id
  ), depts AS (
    SELECT cs.site_id, array_agg(DISTINCT d)::text[] AS department_ids
    FROM inspection_campaign_site cs
    JOIN inspection_campaign c ON c.id = cs.campaign_id
    CROSS JOIN LATERAL unnest(c.department_ids) AS d
    WHERE TRUE ${n.campaigns}
    GROUP BY cs.site_id
  ), x AS (
    SELECT s.id AS site_id, s.street_id, s.community_id, s.grid_id,
      COALESCE(dp.department_ids, '{}'::text[]) AS department_ids,
      s.name, s.type, s.grade, s.nine_small, s.address, s.lat, s.lng,
      COALESCE((st.interval_months ->> s.grade)::int,
        CASE s.grade WHEN 'A' THEN CAST(:defA AS int) WHEN 'B' THEN CAST(:defB AS int) ELSE CAST(:defC AS int) END)
        AS interval_months,
      l.inspected_at AS last_inspected_at, l.id AS last_record_id, l.result AS last_result,
      COALESCE(oh.open_hazards, 0) AS open_hazards, COALESCE(oh.overdue_hazards, 0) AS overdue_hazards,
      oh.max_rank
    FROM site s
    LEFT JOIN inspection_setting st ON st.street_id = s.street_id
    LEFT JOIN last l ON l.site_id = s.id
    LEFT JOIN open_h oh ON oh.site_id = s.id
    LEFT JOIN depts dp ON dp.site_id = s.id
    WHERE TRUE ${n.sites}
  ), y AS (
    SELECT x.*, x.last_inspected_at + make_interval(months => x.interval_months) AS next_due_at FROM x
  )
  SELECT y.*,
    CASE WHEN y.last_inspected_at IS NULL THEN 'never'
      WHEN y.next_due_at < :now THEN 'overdue'
      WHEN y.next_due_at <= :soon THEN 'due'
      ELSE 'ok' END AS due_status
  FROM y`;
}

const SITE_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
} as const;

/** Overdue first, then never inspected, then due soon, each by due date. */
const ORDER = `CASE z.due_status WHEN 'overdue' THEN 0 WHEN 'never' THEN 1 WHEN 'due' THEN 2 ELSE 3 END,
  z.next_due_at ASC NULLS FIRST, z.name, z.site_id`;

/** SQL of graded supervision: the street's intervals and the status of every site. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly db: Db) {}

  settings(streetId: string): Promise<InspectionSettingEntity | null> {
    return this.db.manager.findOneBy(InspectionSettingEntity, { streetId });
  }

  /** Writes the intervals if `expected` is still the stored version (0: none stored); null otherwise. */
  async saveSettings(
    streetId: string,
    months: IntervalMonths,
    expected: number,
  ): Promise<InspectionSettingEntity | null> {
    const m = this.db.manager;
    let written: boolean;
    if (expected === 0) {
      const rows = (await m.query(
        `INSERT INTO inspection_setting (street_id, interval_months, version) VALUES ($1, $2, 1)
         ON CONFLICT (street_id) DO NOTHING RETURNING street_id`,
        [streetId, months],
      )) as unknown[];
      written = rows.length === 1;
    } else {
      const [, affected] = (await m.query(
        `UPDATE inspection_setting SET interval_months = $2, version = version + 1, updated_at = now()
         WHERE street_id = $1 AND version = $3`,
        [streetId, months, expected],
      )) as [unknown[], number];
      written = affected === 1;
    }
    return written ? this.settings(streetId) : null;
  }

  async siteStatus(
    scope: Scope,
    q: SiteStatusQuery,
    now: Date,
    defaultStatuses?: readonly string[],
  ): Promise<{ rows: SiteStatusRow[]; total: number }> {
    const cond = scopeCondition(scope, 'z', SITE_SCOPE);
    const where: string[] = [cond.sql];
    const params: Record<string, unknown> = { ...cond.params, ...this.base(now, q.withinDays) };
    const narrow = scope.kind === 'district' ? EVERYWHERE : ONE_STREET;
    if (scope.kind !== 'district') params.street = scope.streetId;
    const add = (sql: string, p: Record<string, unknown>) => {
      where.push(sql);
      Object.assign(params, p);
    };
    if (q.communityId) add('z.community_id = :communityId', { communityId: q.communityId });
    if (q.gridId) add('z.grid_id = :gridId', { gridId: q.gridId });
    if (q.type) add('z.type = ANY(:types)', { types: q.type });
    if (q.grade) add('z.grade = ANY(:grades)', { grades: q.grade });
    if (q.nineSmall !== undefined) add('z.nine_small = :nineSmall', { nineSmall: q.nineSmall });
    if (q.q) add('z.name ILIKE :q', { q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (q.openHazards !== undefined) add(q.openHazards ? 'z.open_hazards > 0' : 'z.open_hazards = 0', {});
    if (q.bbox) {
      const [w, s, e, n] = q.bbox;
      add('z.lng BETWEEN :w AND :e AND z.lat BETWEEN :s AND :n', { w, s, e, n });
    }
    if (q.campaignId) {
      add(
        'EXISTS (SELECT 1 FROM inspection_campaign_site cs WHERE cs.campaign_id = :campaignId AND cs.site_id = z.site_id)',
        { campaignId: q.campaignId },
      );
    }
    const statuses = q.dueStatus ?? defaultStatuses;
    if (statuses) add('z.due_status = ANY(:statuses)', { statuses });
    const rows = await query<SiteStatusRow & { total: string }>(
      this.db.manager,
      `SELECT z.*, count(*) OVER () AS total FROM (${siteStatusSql(narrow)}) z
       WHERE ${where.join(' AND ')} ORDER BY ${ORDER} LIMIT :limit OFFSET :offset`,
      { ...params, limit: q.limit, offset: q.offset },
    );
    const total = rows.length ? Number(rows[0]!.total) : q.offset ? await this.count(where, params, narrow) : 0;
    return { rows: rows.map(({ total: _t, ...r }) => r), total };
  }

  /** One site's status (for events), whoever asks. */
  async siteStatusOf(siteId: string, now: Date): Promise<SiteStatusRow | null> {
    const [row] = await query<SiteStatusRow>(this.db.manager, `SELECT z.* FROM (${siteStatusSql(ONE_SITE)}) z`, {
      ...this.base(now, DEFAULT_DUE_WITHIN_DAYS),
      siteId,
    });
    return row ?? null;
  }

  private base(now: Date, withinDays: number): Record<string, unknown> {
    return {
      now,
      soon: new Date(now.getTime() + withinDays * 86_400_000),
      defA: DEFAULT_INTERVAL_MONTHS.A,
      defB: DEFAULT_INTERVAL_MONTHS.B,
      defC: DEFAULT_INTERVAL_MONTHS.C,
    };
  }

  /** The total when the page is past the last row (the window count has no row to ride on). */
  private async count(where: string[], params: Record<string, unknown>, narrow: Narrow): Promise<number> {
    const [row] = await query<{ n: number }>(
      this.db.manager,
      `SELECT count(*)::int AS n FROM (${siteStatusSql(narrow)}) z WHERE ${where.join(' AND ')}`,
      params,
    );
    return row?.n ?? 0;
  }
}
