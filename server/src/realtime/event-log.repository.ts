import { Injectable } from '@nestjs/common';
import type { BoardEvent, EventType, Jurisdiction, Scope } from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import { EventEntity } from './event.entity';

/** An event as committed, with the jurisdiction that decides who receives it. */
export interface CommittedEvent extends BoardEvent {
  jurisdiction: Jurisdiction;
}

export interface EventDraft {
  type: EventType;
  payload: unknown;
  jurisdiction: Jurisdiction;
  drillId?: string | null;
}

const EVENT_SCOPE = {
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
  departments: 'department_ids',
  streetWide: 'street_wide',
} as const;

export function toCommitted(row: EventEntity): CommittedEvent {
  return {
    seq: Number(row.seq),
    type: row.type as EventType,
    payload: row.payload as BoardEvent['payload'],
    at: row.at.toISOString(),
    drillId: row.drillId,
    jurisdiction: {
      streetId: row.streetId,
      communityId: row.communityId,
      gridId: row.gridId,
      departmentIds: row.departmentIds,
      streetWide: row.streetWide,
    },
  };
}

@Injectable()
export class EventLogRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends events as the last step of a transaction. Taking seqs from the locked counter row here,
   * at the very end, means a later seq can only commit after an earlier one: seq order = commit order
   * and a reader of `seq > n` never skips (a bigserial would be allocated early and commit out of order).
   * The counter row is every writer's one serialization point, so the lock is held as briefly as
   * possible: counter and rows in one statement, then only the COMMIT.
   */
  async append(drafts: readonly EventDraft[], actorId: string | null): Promise<CommittedEvent[]> {
    if (!drafts.length) return [];
    const at = new Date();
    const rows = drafts.map((d, i) => ({
      i: i + 1,
      type: d.type,
      payload: d.payload,
      street_id: d.jurisdiction.streetId,
      community_id: d.jurisdiction.communityId,
      grid_id: d.jurisdiction.gridId,
      department_ids: d.jurisdiction.departmentIds,
      street_wide: d.jurisdiction.streetWide,
      drill_id: d.drillId ?? null,
    }));
    const inserted = (await this.db.manager.query(
      `WITH counter AS (UPDATE event_seq SET last = last + $1 WHERE id = 1 RETURNING last)
       INSERT INTO event (seq, type, payload, street_id, community_id, grid_id, department_ids, street_wide, drill_id, actor_id, at)
       SELECT counter.last - $1 + d.i, d.type, d.payload, d.street_id, d.community_id, d.grid_id,
              d.department_ids, d.street_wide, d.drill_id, $3, $4
         FROM counter, jsonb_to_recordset($2::jsonb) AS d(i int, type text, payload jsonb, street_id uuid,
              community_id uuid, grid_id uuid, department_ids uuid[], street_wide boolean, drill_id uuid)
       RETURNING seq`,
      [drafts.length, JSON.stringify(rows), actorId, at],
    )) as { seq: string }[]; // an INSERT answers its rows (an UPDATE would add a count)
    const last = Math.max(...inserted.map((r) => Number(r.seq)));
    return drafts.map((d, i) => ({
      seq: last - drafts.length + 1 + i,
      type: d.type,
      payload: d.payload as BoardEvent['payload'],
      at: at.toISOString(),
      drillId: d.drillId ?? null,
      jurisdiction: d.jurisdiction,
    }));
  }

  async head(): Promise<number> {
    const [row] = (await this.db.manager.query('SELECT last FROM event_seq WHERE id = 1')) as { last: string }[];
    return Number(row?.last ?? 0);
  }

  /** Events in (after, upTo] that this scope may see, oldest first. */
  async visibleSince(scope: Scope, after: number, upTo: number, limit: number): Promise<CommittedEvent[]> {
    const cond = scopeCondition(scope, 'e', EVENT_SCOPE);
    const rows = await this.db.manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.seq > :after AND e.seq <= :upTo', { after, upTo })
      .andWhere(cond.sql, cond.params)
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toCommitted);
  }

  /** Every event in (after, upTo], for the relay to fill a gap a crashed publisher left. */
  async range(after: number, upTo: number): Promise<CommittedEvent[]> {
    const rows = await this.db.manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.seq > :after AND e.seq <= :upTo', { after, upTo })
      .orderBy('e.seq', 'ASC')
      .getMany();
    return rows.map(toCommitted);
  }
}
