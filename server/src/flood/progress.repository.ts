import { Injectable } from '@nestjs/common';
import type { Scope } from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { TransferTaskEntity } from './transfer-task.entity';

export interface StateCountRow {
  gridId: string;
  gridCode: string;
  gridName: string;
  state: string;
  households: number;
  /** people to move (the register's count) */
  toMove: number;
  /** people as counted in this state (sheltered/self-arranged counts, else the register's) */
  people: number;
}

export interface ShelterRow {
  id: string;
  name: string;
  capacity: number;
  occupancy: number;
  fromWarning: number;
}

export interface StatsRow {
  warnings: number;
  byLevel: Record<string, number>;
  byType: Record<string, number>;
  households: number;
  people: number;
  /** sheltered, selfArranged, refused: households that ever were, and their people */
  states: Record<string, { households: number; people: number }>;
  medianMinutesToSafe: number | null;
}

/** Aggregates over transfer tasks: live progress, shelters, real-only statistics. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly db: Db) {}

  stateCounts(warningId: string): Promise<StateCountRow[]> {
    return this.db.manager.query(
      `SELECT t.grid_id AS "gridId", g.code AS "gridCode", g.name AS "gridName", t.state,
              count(*)::int AS households, sum(t.person_count)::int AS "toMove",
              sum(coalesce(t.people, t.person_count))::int AS people
       FROM transfer_task t JOIN grid g ON g.id = t.grid_id
       WHERE t.warning_id = $1
       GROUP BY t.grid_id, g.code, g.name, t.state
       ORDER BY g.code, t.state`,
      [warningId],
    ) as Promise<StateCountRow[]>;
  }

  /**
   * Shelters the warning's households are designated to or are in. Occupancy is the registry's
   * (every real warning's people) for a real warning, the drill's own sheltered people for a drill.
   */
  async shelters(warningId: string, drillId: string | null): Promise<ShelterRow[]> {
    const occupancy = drillId
      ? `coalesce((SELECT sum(d.people) FROM transfer_task d JOIN flood_warning dw ON dw.id = d.warning_id
           WHERE d.shelter_id = s.id AND d.state = 'sheltered' AND d.drill_id = $2 AND dw.state <> 'closed'), 0)::int`
      : 's.occupancy';
    return this.db.manager.query(
      `SELECT s.id, s.name, s.capacity, ${occupancy} AS occupancy,
              coalesce((SELECT sum(x.people) FROM transfer_task x
                        WHERE x.warning_id = $1 AND x.state = 'sheltered' AND x.shelter_id = s.id), 0)::int AS "fromWarning"
       FROM shelter s
       WHERE s.id IN (SELECT designated_shelter_id FROM transfer_task WHERE warning_id = $1
                      UNION SELECT shelter_id FROM transfer_task WHERE warning_id = $1 AND shelter_id IS NOT NULL)
       ORDER BY s.name, s.id`,
      drillId ? [warningId, drillId] : [warningId],
    ) as Promise<ShelterRow[]>;
  }

  /**
   * Real warnings issued in [from, to) on the scope's street(s), and their tasks within the scope.
   * Drill warnings and drill tasks are left out here, at the source of every statistic.
   */
  async stats(scope: Scope, streetId: string | undefined, from: Date, to: Date): Promise<StatsRow> {
    const m = this.db.manager;
    const warningWhere = [
      'w.drill_id IS NULL',
      'w.issued_at >= :from AND w.issued_at < :to',
      ...(scope.kind === 'district' ? [] : ['w.street_id = :scopeStreet']),
      ...(streetId ? ['w.street_id = :streetId'] : []),
    ].join(' AND ');
    const params = { from, to, streetId, scopeStreet: scope.kind === 'district' ? undefined : scope.streetId };
    const levels = (await m
      .createQueryBuilder()
      .select('w.level', 'key')
      .addSelect('w.type', 'type')
      .addSelect('count(*)::int', 'n')
      .from('flood_warning', 'w')
      .where(warningWhere, params)
      .groupBy('w.level')
      .addGroupBy('w.type')
      .getRawMany()) as { key: string; type: string; n: number }[];
    const cond = scopeCondition(scope, 't', { street: 'street_id', community: 'community_id', grid: 'grid_id' });
    // Ever sheltered / with relatives / refused: a family home again still counts as moved.
    const ever = (col: string, key: string) => [
      `count(*) FILTER (WHERE t.${col} IS NOT NULL)::int`,
      `coalesce(sum(coalesce(t.people, t.person_count)) FILTER (WHERE t.${col} IS NOT NULL), 0)::int`,
      key,
    ];
    const tallies = [
      ever('sheltered_at', 'sheltered'),
      ever('self_arranged_at', 'selfArranged'),
      ever('refused_at', 'refused'),
    ];
    const qb = m
      .createQueryBuilder(TransferTaskEntity, 't')
      .innerJoin('t.warning', 'w')
      .select('count(*)::int', 'households')
      .addSelect('coalesce(sum(t.person_count), 0)::int', 'people');
    for (const [h, p, key] of tallies) qb.addSelect(h!, `${key}H`).addSelect(p!, `${key}P`);
    const [tasks] = (await qb
      .where(warningWhere, params)
      .andWhere('t.drill_id IS NULL')
      .andWhere(cond.sql, cond.params)
      .getRawMany()) as Record<string, number>[];
    const [median] = (await m
      .createQueryBuilder(TransferTaskEntity, 't')
      .innerJoin('t.warning', 'w')
      .select(
        // least() skips NULLs: the first time the household was safe, sheltered or with relatives
        'percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM least(t.sheltered_at, t.self_arranged_at) - w.issued_at) / 60)',
        'median',
      )
      .where(warningWhere, params)
      .andWhere('t.drill_id IS NULL AND (t.sheltered_at IS NOT NULL OR t.self_arranged_at IS NOT NULL)')
      .andWhere(cond.sql, cond.params)
      .getRawMany()) as { median: number | null }[];
    const sum = (rows: { key: string; n: number }[]) =>
      rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.key]: (acc[r.key] ?? 0) + r.n }), {});
    return {
      warnings: levels.reduce((n, r) => n + r.n, 0),
      byLevel: sum(levels),
      byType: sum(levels.map((r) => ({ key: r.type, n: r.n }))),
      households: tasks!.households!,
      people: tasks!.people!,
      states: Object.fromEntries(
        tallies.map(([, , key]) => [key, { households: tasks![`${key}H`]!, people: tasks![`${key}P`]! }]),
      ),
      medianMinutesToSafe: median?.median === null || median?.median === undefined ? null : Number(median.median),
    };
  }
}
