import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BoardEvent, EventType, Jurisdiction, Scope } from '@gridboard/shared';
import { scopeCondition } from '../auth/scope-filter';
import { ADVISORY_LOCKS } from '../db/advisory-locks';
import { Db } from '../db/db';
import { preparedRows } from '../db/rows';
import type { SqlStatement } from '../db/sql-statement';
import { RELAY_CONNECTION, type RelayConnection } from './relay-connection';

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

@Injectable()
export class EventLogRepository {
  /** `relayConnection`: where `after` and the commit fence run (none on PGlite: the pool). */
  constructor(
    private readonly db: Db,
    @Optional() @Inject(RELAY_CONNECTION) private readonly relayConnection: RelayConnection | null = null,
  ) {}

  /**
   * The statement that appends these events to the current transaction, for the command to run as its
   * last (Db.commitWith). They get their seqs inside COMMIT (migrations EventSeqAtCommit and
   * EventSeqFromSequence), in the order transactions commit; readers wait out a seq still in flight
   * with the commit fence (`head`, EventRelay). `alongside` (the command's audit
   * rows) runs in the same statement, as a data-modifying WITH: one round trip for both.
   */
  appendStatement(
    drafts: readonly EventDraft[],
    actorId: string | null,
    alongside?: SqlStatement,
  ): SqlStatement | null {
    if (!drafts.length) return alongside ?? null;
    const rows = drafts.map((d, i) => ({
      i,
      type: d.type,
      payload: d.payload,
      street_id: d.jurisdiction.streetId,
      community_id: d.jurisdiction.communityId,
      grid_id: d.jurisdiction.gridId,
      department_ids: d.jurisdiction.departmentIds,
      street_wide: d.jurisdiction.streetWide,
      drill_id: d.drillId ?? null,
    }));
    const before = alongside?.params ?? [];
    const [events, actor] = [`$${before.length + 1}`, `$${before.length + 2}`];
    // Provisional seqs are negative: never visible (uncommitted), replaced at commit, in this order.
    return {
      sql: `${alongside ? `WITH alongside AS (${alongside.sql}) ` : ''}
       INSERT INTO event (seq, type, payload, street_id, community_id, grid_id, department_ids, street_wide, drill_id, actor_id, at)
       SELECT -nextval('event_provisional_seq'), d.type, d.payload, d.street_id, d.community_id, d.grid_id,
              d.department_ids, d.street_wide, d.drill_id, ${actor}, now()
         FROM jsonb_to_recordset(${events}::jsonb) AS d(i int, type text, payload jsonb, street_id uuid, community_id uuid,
              grid_id uuid, department_ids uuid[], street_wide boolean, drill_id uuid)
        ORDER BY d.i`,
      params: [...before, JSON.stringify(rows), actorId],
      // The text is fixed when what goes alongside is: the command's audit rows (AuditRepository).
      name: alongside ? alongside.name && `${alongside.name}+event_append` : 'event_append',
    };
  }

  /** Appends events to the current transaction, as a statement of their own. */
  async append(drafts: readonly EventDraft[], actorId: string | null, alongside?: SqlStatement): Promise<void> {
    const statement = this.appendStatement(drafts, actorId, alongside);
    if (statement) await this.db.manager.query(statement.sql, statement.params);
  }

  /**
   * The latest seq at which the log is settled: every seq up to it is visible or never will be. Waits
   * for the commits in flight (the commit fence) first, so a slower smaller seq is not passed over.
   */
  async head(): Promise<number> {
    await this.awaitCommitsInFlight();
    return this.latest();
  }

  /** The highest seq visible now; a smaller one may still be on its way (see `head`). */
  async latest(): Promise<number> {
    const [row] = (await this.db.manager.query('SELECT coalesce(max(seq), 0) AS last FROM event')) as {
      last: string;
    }[];
    return Number(row?.last ?? 0);
  }

  /**
   * Returns once every transaction that had taken event seqs has ended: taking the commit fence
   * exclusively waits for each of them (they hold it shared), and a statement of its own ends at once:
   * always outside the caller's transaction, which would keep every writer waiting until it ends, and
   * on the relay's connection where there is one, so it never waits for a pooled connection meanwhile.
   */
  async awaitCommitsInFlight(): Promise<void> {
    const text = `SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.commitFence})`;
    if (this.relayConnection) await this.relayConnection.rows({ text });
    else await this.db.dataSource.manager.query(text);
  }

  /** Events in (after, upTo] that this scope may see, oldest first (replay: plain SQL, no entity hydration). */
  visibleSince(scope: Scope, after: number, upTo: number, limit: number): Promise<CommittedEvent[]> {
    const cond = scopeCondition(scope, 'e', EVENT_SCOPE);
    const [sql, params] = this.db.manager.connection.driver.escapeQueryWithParameters(
      `e.seq > :after AND e.seq <= :upTo AND ${cond.sql} ORDER BY e.seq LIMIT :limit`,
      { ...cond.params, after, upTo, limit },
    );
    return this.read(sql, params);
  }

  /**
   * The committed events after `after`, oldest first: what the relay delivers next. Read after every
   * commit notice, so plain SQL (no query builder or entity hydration on the write path's hot loop), on
   * the relay's connection where there is one: writes queueing for the pool do not hold it back.
   */
  after(after: number, limit: number): Promise<CommittedEvent[]> {
    return this.read('seq > $1 ORDER BY seq LIMIT $2', [after, limit], 'events_after', this.relayConnection);
  }

  /** Every event in (after, upTo], oldest first, whoever may see it (tests and diagnostics compare with it). */
  range(after: number, upTo: number): Promise<CommittedEvent[]> {
    return this.read('seq > $1 AND seq <= $2 ORDER BY seq', [after, upTo]);
  }

  /**
   * `prepared`: the name of a fixed statement, prepared once per connection outside transactions;
   * `via`: a connection of its own rather than the pool's.
   */
  private async read(
    where: string,
    params: unknown[],
    prepared?: string,
    via?: RelayConnection | null,
  ): Promise<CommittedEvent[]> {
    const sql = `SELECT seq, type, payload, street_id, community_id, grid_id, department_ids, street_wide, drill_id, at
         FROM event e WHERE ${where}`;
    const rows = (
      via
        ? await via.rows({ name: prepared, text: sql, values: params })
        : prepared && !this.db.inTransaction
          ? await preparedRows(this.db.manager, prepared, sql, params)
          : await this.db.manager.query(sql, params)
    ) as EventRow[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      type: r.type as EventType,
      payload: r.payload as BoardEvent['payload'],
      at: r.at.toISOString(),
      drillId: r.drill_id,
      jurisdiction: {
        streetId: r.street_id,
        communityId: r.community_id,
        gridId: r.grid_id,
        departmentIds: r.department_ids,
        streetWide: r.street_wide,
      },
    }));
  }
}

interface EventRow {
  seq: string;
  type: string;
  payload: unknown;
  street_id: string;
  community_id: string | null;
  grid_id: string | null;
  department_ids: string[];
  street_wide: boolean;
  drill_id: string | null;
  at: Date;
}
