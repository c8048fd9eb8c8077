import { Injectable } from '@nestjs/common';
import type { CampaignListQuery, CampaignProgress, Scope } from '@gridboard/shared';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../db/db';
import { updateVersioned } from '../db/versioned-update';
import { CampaignEntity } from './campaign.entity';
import { query } from './sql';

export interface GridProgressRow {
  gridId: string;
  gridCode: string;
  gridName: string;
  targeted: number;
  inspected: number;
  failed: number;
  hazardsOpen: number;
  hazardsClosed: number;
}

/**
 * The latest record of each target site in each campaign. A campaign counts the data of its own
 * kind: real records for a real campaign, its drill's for a drill campaign.
 */
const LATEST = `
  SELECT DISTINCT ON (r.campaign_id, r.site_id) r.campaign_id, r.site_id, r.result
  FROM inspection_record r
  JOIN inspection_campaign c ON c.id = r.campaign_id AND r.drill_id IS NOT DISTINCT FROM c.drill_id
  JOIN inspection_campaign_site cs ON cs.campaign_id = r.campaign_id AND cs.site_id = r.site_id
  WHERE r.campaign_id = ANY(:ids)
  ORDER BY r.campaign_id, r.site_id, r.inspected_at DESC, r.id DESC`;

/**
 * Replaces a campaign's target sites with those matching its targeting: its site types, plus the
 * nine small places when asked, inside its grids (none: the whole street). No type and no nine
 * small places: every site in those grids. Answers how many sites it targets.
 */
export async function retargetCampaign(
  m: EntityManager,
  c: Pick<CampaignEntity, 'id' | 'streetId' | 'siteTypes' | 'nineSmall' | 'gridIds'>,
): Promise<number> {
  await m.query('DELETE FROM inspection_campaign_site WHERE campaign_id = $1', [c.id]);
  const any = !c.siteTypes.length && !c.nineSmall;
  const rows = (await m.query(
    `INSERT INTO inspection_campaign_site (campaign_id, site_id)
     SELECT $1, s.id FROM site s
     WHERE s.street_id = $2
       AND ($3 OR s.type = ANY($4) OR ($5 AND s.nine_small))
       AND (cardinality($6::uuid[]) = 0 OR s.grid_id = ANY($6::uuid[]))
     RETURNING site_id`,
    [c.id, c.streetId, any, c.siteTypes, c.nineSmall, c.gridIds],
  )) as unknown[];
  return rows.length;
}

/** The only place with SQL for campaigns, their target sites and their progress. */
@Injectable()
export class CampaignsRepository {
  constructor(private readonly db: Db) {}

  insert(row: Partial<CampaignEntity>): Promise<CampaignEntity> {
    return this.db.manager.save(CampaignEntity, this.db.manager.create(CampaignEntity, row));
  }

  findById(id: string): Promise<CampaignEntity | null> {
    return this.db.manager.findOneBy(CampaignEntity, { id });
  }

  /**
   * Locks the campaign row. Every command that changes a campaign's figures takes it first (before
   * any site or hazard row), so progress events are computed and committed one after the other.
   * NO KEY UPDATE: records and hazards referencing the row (key-share locks) do not wait on it.
   */
  findForUpdate(id: string): Promise<CampaignEntity | null> {
    return this.db.manager
      .createQueryBuilder(CampaignEntity, 'c')
      .where('c.id = :id', { id })
      .setLock('for_no_key_update')
      .getOne();
  }

  update(
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<CampaignEntity>,
    present: (c: CampaignEntity) => unknown,
  ): Promise<CampaignEntity> {
    return updateVersioned(this.db.manager, CampaignEntity, id, version, patch, present);
  }

  async namesById(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (!wanted.length) return new Map();
    const rows = (await this.db.manager.query('SELECT id, name FROM inspection_campaign WHERE id = ANY($1)', [
      wanted,
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Campaigns are street-wide: the caller's street (every street for district-wide users). */
  async list(scope: Scope, q: CampaignListQuery, today: string): Promise<{ items: CampaignEntity[]; total: number }> {
    const qb = this.db.manager.createQueryBuilder(CampaignEntity, 'c');
    qb.where(scope.kind === 'district' ? 'TRUE' : 'c.street_id = :street', {
      street: scope.kind === 'district' ? undefined : scope.streetId,
    });
    if (q.status) {
      const parts = q.status.map(
        (s) =>
          ({
            upcoming: 'c.starts_on > :today',
            active: '(c.starts_on <= :today AND c.ends_on >= :today)',
            ended: 'c.ends_on < :today',
          })[s],
      );
      qb.andWhere(`(${parts.join(' OR ')})`, { today });
    }
    if (q.type) qb.andWhere('c.type = ANY(:types)', { types: q.type });
    if (q.departmentId) qb.andWhere(':dept = ANY(c.department_ids)', { dept: q.departmentId });
    if (q.q) qb.andWhere('c.name ILIKE :q', { q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (q.drill === 'exclude') qb.andWhere('c.drill_id IS NULL');
    if (q.drill === 'only') qb.andWhere('c.drill_id IS NOT NULL');
    const [items, total] = await qb
      .orderBy('c.starts_on', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(q.limit)
      .offset(q.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Recomputes the target sites (see retargetCampaign); answers how many there are. */
  retarget(c: CampaignEntity): Promise<number> {
    return retargetCampaign(this.db.manager, c);
  }

  async isTarget(campaignId: string, siteId: string): Promise<boolean> {
    const rows = (await this.db.manager.query(
      'SELECT 1 FROM inspection_campaign_site WHERE campaign_id = $1 AND site_id = $2',
      [campaignId, siteId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Whether a department works a campaign that targets the site (its staff may inspect it). */
  async departmentTargets(departmentId: string, siteId: string, campaignId: string): Promise<boolean> {
    const rows = (await this.db.manager.query(
      `SELECT 1 FROM inspection_campaign_site cs JOIN inspection_campaign c ON c.id = cs.campaign_id
       WHERE cs.site_id = $1 AND c.id = $2 AND $3 = ANY(c.department_ids)`,
      [siteId, campaignId, departmentId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** 联合排查 re-scoped: the campaign's records and hazards follow its departments. */
  async rescope(campaignId: string, departmentIds: string[]): Promise<void> {
    const m = this.db.manager;
    await m.query('UPDATE inspection_record SET department_ids = $2 WHERE campaign_id = $1', [
      campaignId,
      departmentIds,
    ]);
    await m.query('UPDATE hazard SET department_ids = $2 WHERE campaign_id = $1', [campaignId, departmentIds]);
  }

  async progress(ids: readonly string[], now: Date): Promise<Map<string, CampaignProgress>> {
    if (!ids.length) return new Map();
    const rows = await query<{ id: string } & CampaignProgress>(
      this.db.manager,
      `WITH latest AS (${LATEST}),
      t AS (SELECT campaign_id, count(*)::int AS n FROM inspection_campaign_site WHERE campaign_id = ANY(:ids)
            GROUP BY 1),
      l AS (SELECT campaign_id, count(*)::int AS inspected,
              count(*) FILTER (WHERE result = 'pass')::int AS passed,
              count(*) FILTER (WHERE result = 'fail')::int AS failed
            FROM latest GROUP BY 1),
      r AS (SELECT r.campaign_id, count(*)::int AS records FROM inspection_record r
            JOIN inspection_campaign c ON c.id = r.campaign_id AND r.drill_id IS NOT DISTINCT FROM c.drill_id
            WHERE r.campaign_id = ANY(:ids) GROUP BY 1),
      h AS (SELECT h.campaign_id, count(*)::int AS found,
              count(*) FILTER (WHERE h.state = 'closed')::int AS closed,
              count(*) FILTER (WHERE h.state IN ('open', 'rectifying') AND h.deadline < :now)::int AS overdue
            FROM hazard h
            JOIN inspection_campaign c ON c.id = h.campaign_id AND h.drill_id IS NOT DISTINCT FROM c.drill_id
            WHERE h.campaign_id = ANY(:ids) GROUP BY 1)
      SELECT c.id,
        COALESCE(t.n, 0) AS targeted, COALESCE(l.inspected, 0) AS inspected,
        COALESCE(l.passed, 0) AS passed, COALESCE(l.failed, 0) AS failed, COALESCE(r.records, 0) AS records,
        COALESCE(h.found, 0) AS "hazardsFound", COALESCE(h.closed, 0) AS "hazardsClosed",
        COALESCE(h.found, 0) - COALESCE(h.closed, 0) AS "hazardsOpen", COALESCE(h.overdue, 0) AS "hazardsOverdue"
      FROM inspection_campaign c
      LEFT JOIN t ON t.campaign_id = c.id LEFT JOIN l ON l.campaign_id = c.id
      LEFT JOIN r ON r.campaign_id = c.id LEFT JOIN h ON h.campaign_id = c.id
      WHERE c.id = ANY(:ids)`,
      { ids, now },
    );
    return new Map(rows.map(({ id, ...p }) => [id, p]));
  }

  /** One row per grid with target sites, in grid code order. */
  byGrid(id: string): Promise<GridProgressRow[]> {
    return query<GridProgressRow>(
      this.db.manager,
      `WITH latest AS (${LATEST}),
      hz AS (SELECT h.site_id, count(*) FILTER (WHERE h.state <> 'closed')::int AS open,
               count(*) FILTER (WHERE h.state = 'closed')::int AS closed
             FROM hazard h
             JOIN inspection_campaign c ON c.id = h.campaign_id AND h.drill_id IS NOT DISTINCT FROM c.drill_id
             WHERE h.campaign_id = :id GROUP BY h.site_id)
      SELECT g.id AS "gridId", g.code AS "gridCode", g.name AS "gridName",
        count(*)::int AS targeted, count(l.site_id)::int AS inspected,
        count(*) FILTER (WHERE l.result = 'fail')::int AS failed,
        COALESCE(sum(hz.open), 0)::int AS "hazardsOpen", COALESCE(sum(hz.closed), 0)::int AS "hazardsClosed"
      FROM inspection_campaign_site cs
      JOIN site s ON s.id = cs.site_id JOIN grid g ON g.id = s.grid_id
      LEFT JOIN latest l ON l.site_id = cs.site_id
      LEFT JOIN hz ON hz.site_id = cs.site_id
      WHERE cs.campaign_id = :id
      GROUP BY g.id, g.code, g.name ORDER BY g.code`,
      { id, ids: [id] },
    );
  }
}
