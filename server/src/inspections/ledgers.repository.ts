import { Injectable } from '@nestjs/common';
import type { HazardLedgerQuery, LedgerQuery, Scope } from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { HAZARD_SCOPE } from '../hazards/hazards.repository';
import { RECORD_SCOPE } from './records.repository';
import { query } from './sql';

export interface RecordLedgerRow {
  id: string;
  siteName: string;
  siteType: string;
  address: string;
  communityName: string;
  gridName: string;
  inspectedAt: Date;
  inspectorName: string;
  campaignName: string | null;
  templateName: string;
  templateVersion: number;
  result: 'pass' | 'fail';
  failedLabels: string[];
}

export interface HazardLedgerRow {
  id: string;
  recordId: string;
  number: string;
  siteName: string;
  address: string;
  communityName: string;
  gridName: string;
  campaignName: string | null;
  itemLabel: string | null;
  description: string;
  severity: string;
  responsibleParty: string;
  responsibleContact: string | null;
  responsiblePhone: string | null;
  foundByName: string;
  foundAt: Date;
  deadline: Date;
  extensionCount: number;
  state: string;
  recurring: boolean;
  recheckedByName: string | null;
  closedAt: Date | null;
}

export interface SummaryCounts {
  records: number;
  failedRecords: number;
  hazardsFound: number;
  hazardsClosed: number;
}

/** Reads for the ledgers (台账) and the monthly summary: real data only, in the caller's scope. */
@Injectable()
export class LedgersRepository {
  constructor(private readonly db: Db) {}

  recordRows(scope: Scope, q: LedgerQuery): Promise<RecordLedgerRow[]> {
    const { where, params } = this.filter(scope, q, 'r', 'inspected_at', RECORD_SCOPE);
    return query<RecordLedgerRow>(
      this.db.manager,
      `SELECT r.id, r.site_name AS "siteName", r.site_type AS "siteType", r.address,
         c.name AS "communityName", g.name AS "gridName", r.inspected_at AS "inspectedAt",
         r.inspector_name AS "inspectorName", ca.name AS "campaignName", t.name AS "templateName",
         v.number AS "templateVersion", r.result,
         ARRAY(SELECT a->>'label' FROM jsonb_array_elements(r.answers) a
               WHERE a->>'itemKey' = ANY(r.failed_items)) AS "failedLabels"
       FROM inspection_record r
       JOIN community c ON c.id = r.community_id JOIN grid g ON g.id = r.grid_id
       JOIN checklist_template t ON t.id = r.template_id
       JOIN checklist_template_version v ON v.id = r.template_version_id
       LEFT JOIN inspection_campaign ca ON ca.id = r.campaign_id
       WHERE ${where} ORDER BY r.inspected_at, r.id`,
      params,
    );
  }

  hazardRows(scope: Scope, q: HazardLedgerQuery & { recordIds?: string[] }): Promise<HazardLedgerRow[]> {
    const { where, params } = this.filter(scope, q, 'h', 'found_at', HAZARD_SCOPE);
    const extra: string[] = [];
    if (q.state) {
      extra.push('h.state = ANY(:states)');
      params.states = q.state;
    }
    if (q.recordIds) {
      extra.push('h.record_id = ANY(:recordIds)');
      params.recordIds = q.recordIds;
    }
    return query<HazardLedgerRow>(
      this.db.manager,
      `SELECT h.id, h.record_id AS "recordId", h.number, h.site_name AS "siteName", h.address,
         c.name AS "communityName", g.name AS "gridName", ca.name AS "campaignName", h.item_label AS "itemLabel",
         h.description, h.severity, h.responsible_party AS "responsibleParty",
         h.responsible_contact AS "responsibleContact", h.responsible_phone AS "responsiblePhone",
         h.found_by_name AS "foundByName", h.found_at AS "foundAt", h.deadline,
         h.extension_count AS "extensionCount", h.state, h.recurring, h.rechecked_by_name AS "recheckedByName",
         h.closed_at AS "closedAt"
       FROM hazard h
       JOIN community c ON c.id = h.community_id JOIN grid g ON g.id = h.grid_id
       LEFT JOIN inspection_campaign ca ON ca.id = h.campaign_id
       WHERE ${[where, ...extra].join(' AND ')} ORDER BY h.found_at, h.number`,
      params,
    );
  }

  /** The month's figures, as the summary defines them (see monthlySummarySchema). */
  async summary(
    scope: Scope,
    from: Date,
    to: Date,
    campaignId: string | undefined,
  ): Promise<{
    records: { total: number; passed: number; failed: number; sites: number };
    hazards: {
      found: number;
      closed: number;
      closedOnTime: number;
      openAtEnd: number;
      overdueAtEnd: number;
      extensions: number;
      recurring: number;
    };
  }> {
    const r = scopeCondition(scope, 'r', RECORD_SCOPE);
    const h = scopeCondition(scope, 'h', HAZARD_SCOPE);
    const camp = (a: string) => (campaignId ? `AND ${a}.campaign_id = :campaignId` : '');
    const params = { ...r.params, ...h.params, from, to, campaignId };
    const [records] = await query<{ total: number; passed: number; failed: number; sites: number }>(
      this.db.manager,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.result = 'pass')::int AS passed,
         count(*) FILTER (WHERE r.result = 'fail')::int AS failed, count(DISTINCT r.site_id)::int AS sites
       FROM inspection_record r
       WHERE ${r.sql} AND r.drill_id IS NULL AND r.inspected_at >= :from AND r.inspected_at < :to ${camp('r')}`,
      params,
    );
    const [hazards] = await query<{
      found: number;
      closed: number;
      closedOnTime: number;
      openAtEnd: number;
      overdueAtEnd: number;
      extensions: number;
      recurring: number;
    }>(
      this.db.manager,
      `SELECT
         count(*) FILTER (WHERE h.found_at >= :from AND h.found_at < :to)::int AS found,
         count(*) FILTER (WHERE h.closed_at >= :from AND h.closed_at < :to)::int AS closed,
         count(*) FILTER (WHERE h.closed_at >= :from AND h.closed_at < :to AND h.closed_at <= h.deadline)::int
           AS "closedOnTime",
         count(*) FILTER (WHERE h.found_at < :to AND (h.closed_at IS NULL OR h.closed_at >= :to))::int AS "openAtEnd",
         count(*) FILTER (WHERE h.found_at < :to AND (h.closed_at IS NULL OR h.closed_at >= :to)
           AND h.deadline < :to AND (h.submitted_at IS NULL OR h.submitted_at >= :to))::int AS "overdueAtEnd",
         COALESCE(sum((SELECT count(*) FROM hazard_step s WHERE s.hazard_id = h.id
           AND s.action = 'approve_extension' AND s.at >= :from AND s.at < :to)), 0)::int AS extensions,
         count(*) FILTER (WHERE h.found_at >= :from AND h.found_at < :to AND h.recurring)::int AS recurring
       FROM hazard h
       WHERE ${h.sql} AND h.drill_id IS NULL AND h.found_at < :to ${camp('h')}`,
      params,
    );
    return { records: records!, hazards: hazards! };
  }

  /** Records and hazards of the month per grid (or campaign), where there is any. */
  async breakdown(
    scope: Scope,
    from: Date,
    to: Date,
    by: 'grid' | 'campaign',
    campaignId: string | undefined,
  ): Promise<({ key: string; code: string; name: string } & SummaryCounts)[]> {
    const r = scopeCondition(scope, 'r', RECORD_SCOPE);
    const h = scopeCondition(scope, 'h', HAZARD_SCOPE);
    const col = by === 'grid' ? 'grid_id' : 'campaign_id';
    const camp = (a: string) => (campaignId ? `AND ${a}.campaign_id = :campaignId` : '');
    const names = by === 'grid' ? 'grid' : 'inspection_campaign';
    return query(
      this.db.manager,
      `WITH rec AS (
         SELECT r.${col} AS key, count(*)::int AS records, count(*) FILTER (WHERE r.result = 'fail')::int AS failed
         FROM inspection_record r
         WHERE ${r.sql} AND r.drill_id IS NULL AND r.${col} IS NOT NULL
           AND r.inspected_at >= :from AND r.inspected_at < :to ${camp('r')}
         GROUP BY 1
       ), hz AS (
         SELECT h.${col} AS key,
           count(*) FILTER (WHERE h.found_at >= :from AND h.found_at < :to)::int AS found,
           count(*) FILTER (WHERE h.closed_at >= :from AND h.closed_at < :to)::int AS closed
         FROM hazard h
         WHERE ${h.sql} AND h.drill_id IS NULL AND h.${col} IS NOT NULL ${camp('h')}
           AND ((h.found_at >= :from AND h.found_at < :to) OR (h.closed_at >= :from AND h.closed_at < :to))
         GROUP BY 1
       ), k AS (SELECT key FROM rec UNION SELECT key FROM hz)
       SELECT k.key, ${by === 'grid' ? 'n.code' : "''"} AS code, n.name,
         COALESCE(rec.records, 0) AS records, COALESCE(rec.failed, 0) AS "failedRecords",
         COALESCE(hz.found, 0) AS "hazardsFound", COALESCE(hz.closed, 0) AS "hazardsClosed"
       FROM k JOIN ${names} n ON n.id = k.key
       LEFT JOIN rec ON rec.key = k.key LEFT JOIN hz ON hz.key = k.key
       ORDER BY ${by === 'grid' ? 'n.code' : 'n.name'}`,
      { ...r.params, ...h.params, from, to, campaignId },
    );
  }

  private filter(
    scope: Scope,
    q: LedgerQuery,
    alias: string,
    timeColumn: string,
    cols: typeof RECORD_SCOPE,
  ): { where: string; params: Record<string, unknown> } {
    const cond = scopeCondition(scope, alias, cols);
    const where = [cond.sql, `${alias}.drill_id IS NULL`];
    const params: Record<string, unknown> = { ...cond.params };
    if (q.from) {
      where.push(`${alias}.${timeColumn} >= :from`);
      params.from = new Date(q.from);
    }
    if (q.to) {
      where.push(`${alias}.${timeColumn} < :to`);
      params.to = new Date(q.to);
    }
    if (q.campaignId) {
      where.push(`${alias}.campaign_id = :campaignId`);
      params.campaignId = q.campaignId;
    }
    if (q.gridId) {
      where.push(`${alias}.grid_id = :gridId`);
      params.gridId = q.gridId;
    }
    if (q.siteId) {
      where.push(`${alias}.site_id = :siteId`);
      params.siteId = q.siteId;
    }
    return { where: where.join(' AND '), params };
  }
}
