import { Injectable } from '@nestjs/common';
import {
  type Alarm,
  type AlarmKind,
  alarmKey,
  type BoardIncident,
  INCIDENT_PENDING_STATES,
  type Jurisdiction,
  type ListedAlarm,
  type Role,
  type Scope,
  type WarningLevel,
  type WarningType,
} from '@gridboard/shared';
import { scopeCondition, type ScopeColumns } from '../auth/scope-filter';
import { Db } from '../db/db';
import { warningTitle } from '../flood/flood-dto';
import { AlarmAckEntity } from './alarm-ack.entity';

const ITEM_SCOPE: ScopeColumns = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
};
const TASK_SCOPE: ScopeColumns = { street: 'street_id', community: 'community_id', grid: 'grid_id' };
const PENDING = [...INCIDENT_PENDING_STATES];
/** A department has not yet reported for duty (报到) in these summons states. */
const SUMMONS_WAITING = ['summoned', 'acknowledged'];
const TRANSFER_WAITING = ['pending', 'notified', 'moving'];
/** Alarms older than this are history, not something to sound now. */
const ALARM_WINDOW_HOURS = 72;

/** A flood warning is street-wide: everyone working on its street sees it (see floodWarningSchema). */
function warningScope(scope: Scope, alias: string): { sql: string; params: Record<string, unknown> } {
  return scope.kind === 'district'
    ? { sql: 'TRUE', params: {} }
    : { sql: `${alias}.street_id = :warningStreet`, params: { warningStreet: scope.streetId } };
}

export interface AlarmItem {
  alarm: Alarm;
  jurisdiction: Jurisdiction;
}

type Row = Record<string, unknown>;
const iso = (v: unknown): string => new Date(v as string).toISOString();

/** The board's reads across domains (projections and counts) and the alarm acknowledgements. */
@Injectable()
export class BoardRepository {
  constructor(private readonly db: Db) {}

  /** Named parameters (`:name`, `:name` arrays) for raw SQL, as the query builders take them. */
  private async query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.db.manager.connection.driver.escapeQueryWithParameters(sql, params);
    return (await this.db.manager.query(text, values)) as T[];
  }

  async incidents(scope: Scope, now: Date): Promise<BoardIncident[]> {
    const s = scopeCondition(scope, 'i', ITEM_SCOPE);
    const rows = await this.query<Row>(
      `SELECT i.id, i.version, i.number, i.grid_id, i.building_id, i.lat, i.lng, i.address, i.category,
              i.severity, i.state, i.title, i.reported_at, i.drill_id,
              (i.deadline IS NOT NULL AND i.deadline < :now AND i.state = ANY(:pending)) AS overdue
         FROM incident i WHERE ${s.sql} ORDER BY i.reported_at`,
      { ...s.params, now, pending: PENDING },
    );
    return rows.map((r) => ({
      id: r.id as string,
      version: Number(r.version),
      number: r.number as string,
      gridId: r.grid_id as string,
      buildingId: (r.building_id as string | null) ?? null,
      lat: r.lat === null ? null : Number(r.lat),
      lng: r.lng === null ? null : Number(r.lng),
      address: r.address as string,
      category: r.category as string,
      severity: r.severity as BoardIncident['severity'],
      state: r.state as BoardIncident['state'],
      title: r.title as string,
      overdue: Boolean(r.overdue),
      reportedAt: iso(r.reported_at),
      drillId: (r.drill_id as string | null) ?? null,
    }));
  }

  /** Key figures; drills never count (ARCHITECTURE.md "Drills share the board, never the statistics"). */
  async figures(scope: Scope, now: Date, todayStart: Date): Promise<Record<string, number>> {
    const i = scopeCondition(scope, 'i', ITEM_SCOPE);
    const w = scopeCondition(scope, 'w', ITEM_SCOPE);
    const t = scopeCondition(scope, 't', TASK_SCOPE);
    const h = scopeCondition(scope, 'h', ITEM_SCOPE);
    const [incidents] = await this.query<Row>(
      `SELECT count(*) FILTER (WHERE i.reported_at >= :today) AS today,
              count(*) FILTER (WHERE i.state = ANY(:pending)) AS open,
              count(*) FILTER (WHERE i.state = ANY(:pending) AND i.deadline < :now) AS overdue
         FROM incident i WHERE i.drill_id IS NULL AND ${i.sql}`,
      { ...i.params, today: todayStart, now, pending: PENDING },
    );
    const [summons] = await this.query<Row>(
      `SELECT count(*) AS n FROM whistle_summons s JOIN whistle w ON w.id = s.whistle_id
        WHERE w.state = 'open' AND w.drill_id IS NULL AND s.state = ANY(:waiting) AND ${w.sql}`,
      { ...w.params, waiting: SUMMONS_WAITING },
    );
    const [transfer] = await this.query<Row>(
      `SELECT coalesce(sum(t.person_count) FILTER (WHERE t.state = ANY(:waiting)), 0) AS waiting,
              coalesce(sum(coalesce(t.people, t.person_count)) FILTER (WHERE t.state = 'sheltered'), 0) AS sheltered
         FROM transfer_task t JOIN flood_warning fw ON fw.id = t.warning_id
        WHERE fw.state = 'active' AND t.drill_id IS NULL AND ${t.sql}`,
      { ...t.params, waiting: TRANSFER_WAITING },
    );
    const [hazards] = await this.query<Row>(
      `SELECT count(*) AS n FROM hazard h WHERE h.state <> 'closed' AND h.drill_id IS NULL AND ${h.sql}`,
      h.params,
    );
    return {
      incidentsToday: Number(incidents!.today),
      incidentsOpen: Number(incidents!.open),
      incidentsOverdue: Number(incidents!.overdue),
      summonsPending: Number(summons!.n),
      peopleToTransfer: Number(transfer!.waiting),
      peopleSheltered: Number(transfer!.sheltered),
      hazardsOpen: Number(hazards!.n),
    };
  }

  /** The street's leaders and duty officers (值班: the roster module will narrow this to the shift). */
  async onDuty(streetId: string): Promise<{ userId: string; displayName: string; role: Role }[]> {
    const rows = await this.query<Row>(
      `SELECT id, display_name, role FROM app_user
        WHERE street_id = :streetId AND NOT disabled AND role IN ('leader', 'duty_officer')
        ORDER BY role DESC, display_name`,
      { streetId },
    );
    return rows.map((r) => ({ userId: r.id as string, displayName: r.display_name as string, role: r.role as Role }));
  }

  /** Every alarm the caller may see that nobody has acknowledged yet, newest first. */
  /** The newest 100 at most, with how many there are in all. */
  async openAlarms(scope: Scope, now: Date): Promise<{ items: ListedAlarm[]; total: number }> {
    const since = new Date(now.getTime() - ALARM_WINDOW_HOURS * 3600_000);
    const i = scopeCondition(scope, 'i', ITEM_SCOPE);
    const w = scopeCondition(scope, 'w', ITEM_SCOPE);
    const t = scopeCondition(scope, 't', TASK_SCOPE);
    const fw = warningScope(scope, 'fw');
    const rows = await this.query<Row>(
      `SELECT *, count(*) OVER () AS total FROM (
         ${ALARM_SOURCES.incident} AND ${i.sql} AND i.reported_at >= :since AND i.state = ANY(:pending)
         UNION ALL ${ALARM_SOURCES.summons} AND ${w.sql} AND s.escalated_at >= :since AND w.state = 'open'
         UNION ALL ${ALARM_SOURCES.warning} AND ${fw.sql} AND fw.state = 'active'
         UNION ALL ${ALARM_SOURCES.transfer} AND ${t.sql} AND t.refused_at >= :since
       ) a WHERE NOT EXISTS (SELECT 1 FROM alarm_ack k WHERE k.key = a.kind || ':' || a.item_id)
       ORDER BY a.raised_at DESC LIMIT 100`,
      { ...i.params, ...w.params, ...t.params, ...fw.params, since, pending: PENDING },
    );
    return { items: rows.map((r) => ({ ...toAlarm(r), ...jurisdictionOf(r) })), total: Number(rows[0]?.total ?? 0) };
  }

  /** The item an alarm is about, with its jurisdiction (for the policy check), if it is alarming. */
  async alarmItem(kind: AlarmKind, itemId: string): Promise<AlarmItem | null> {
    const alias = { incident: 'i', summons: 's', warning: 'fw', transfer: 't' }[kind];
    const [row] = await this.query<Row>(`${ALARM_SOURCES[kind]} AND ${alias}.id = :itemId`, { itemId });
    if (!row) return null;
    return { alarm: toAlarm(row), jurisdiction: jurisdictionOf(row) };
  }

  findAck(key: string): Promise<AlarmAckEntity | null> {
    return this.db.manager.findOneBy(AlarmAckEntity, { key });
  }

  /** Returns null when someone acknowledged it first (the unique key decides). */
  async insertAck(row: Omit<AlarmAckEntity, 'id'>): Promise<AlarmAckEntity | null> {
    const result = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(AlarmAckEntity)
      .values(row)
      .orIgnore()
      .returning('*')
      .execute();
    return result.raw.length ? this.db.manager.create(AlarmAckEntity, row) : null;
  }
}

/**
 * Each urgent source as one SELECT with the same columns (kind, item, what to open, label, time,
 * jurisdiction), ending in a WHERE that callers extend with AND.
 */
const ALARM_SOURCES: Record<AlarmKind, string> = {
  incident: `SELECT 'incident' AS kind, i.id AS item_id, 'incident' AS target_kind, i.id AS target_id,
       i.number || ' ' || i.title AS label, i.reported_at AS raised_at, i.drill_id,
       i.street_id, i.community_id, i.grid_id, i.department_ids
     FROM incident i WHERE i.severity IN ('high', 'critical')`,
  summons: `SELECT 'summons' AS kind, s.id AS item_id, 'whistle' AS target_kind, w.id AS target_id,
       s.department_name || ' · ' || (w.incident_summary ->> 'number') AS label, s.escalated_at AS raised_at,
       w.drill_id, w.street_id, w.community_id, w.grid_id, w.department_ids
     FROM whistle_summons s JOIN whistle w ON w.id = s.whistle_id
     WHERE s.escalated_at IS NOT NULL AND s.state = ANY('{summoned,acknowledged}')`,
  // The warning's title (暴雨红色预警) is made from its type and level by warningTitle, in toAlarm.
  warning: `SELECT 'warning' AS kind, fw.id AS item_id, NULL AS target_kind, NULL::uuid AS target_id,
       fw.type || ' ' || fw.level AS label, fw.issued_at AS raised_at, fw.drill_id,
       fw.street_id, NULL::uuid AS community_id, NULL::uuid AS grid_id, '{}'::uuid[] AS department_ids
     FROM flood_warning fw WHERE fw.level = 'red'`,
  // The household's address as the task shows it (addressOf: 幸福路3号楼 2单元 301).
  transfer: `SELECT 'transfer' AS kind, t.id AS item_id, 'floodTask' AS target_kind, t.id AS target_id,
       concat_ws(' ', b.name,
         CASE WHEN h.unit = '' OR h.unit LIKE '%单元' THEN NULLIF(h.unit, '') ELSE h.unit || '单元' END,
         NULLIF(h.room, '')) AS label,
       t.refused_at AS raised_at, t.drill_id,
       t.street_id, t.community_id, t.grid_id, '{}'::uuid[] AS department_ids
     FROM transfer_task t JOIN flood_household h ON h.id = t.flood_household_id
       JOIN building b ON b.id = h.building_id
     WHERE t.state = 'refused'`,
};

function jurisdictionOf(r: Row): Jurisdiction {
  return {
    streetId: r.street_id as string,
    communityId: (r.community_id as string | null) ?? null,
    gridId: (r.grid_id as string | null) ?? null,
    departmentIds: (r.department_ids as string[] | null) ?? [],
    streetWide: r.kind === 'warning', // a warning is for everyone on its street
  };
}

/** "rainstorm red" → 暴雨红色预警, the title the live alarm shows. */
function warningLabel(typeAndLevel: string): string {
  const [type, level] = typeAndLevel.split(' ') as [WarningType, WarningLevel];
  return warningTitle({ type, level });
}

function toAlarm(r: Row): Alarm {
  const kind = r.kind as AlarmKind;
  const itemId = r.item_id as string;
  return {
    key: alarmKey(kind, itemId),
    kind,
    itemId,
    target: r.target_kind
      ? { kind: r.target_kind as NonNullable<Alarm['target']>['kind'], id: r.target_id as string }
      : null,
    label: kind === 'warning' ? warningLabel(r.label as string) : (r.label as string),
    raisedAt: iso(r.raised_at),
    drillId: (r.drill_id as string | null) ?? null,
  };
}
