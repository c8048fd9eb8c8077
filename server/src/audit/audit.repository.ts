import { Injectable } from '@nestjs/common';
import type { AuditQuery, Scope } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
import type { SqlStatement } from '../db/sql-statement';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  result?: 'ok' | 'denied' | 'failed';
  before?: object | null;
  after?: object | null;
  detail?: object | null;
  streetId?: string | null;
}

const AUDIT_SCOPE = { street: 'street_id' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Inserts only (the table itself refuses UPDATE and DELETE), and the search over it. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const { sql, params } = this.insertStatement(actor, entries);
    await this.db.manager.query(sql, params);
  }

  /**
   * The INSERT of these entries as one statement with one parameter ($1, the rows as JSON), so a
   * command can send it together with its events (EventLogRepository.append) in one round trip.
   */
  insertStatement(actor: Actor, entries: readonly AuditEntry[]): SqlStatement {
    const rows = entries.map((e, i) => ({
      i,
      actor_id: actor.userId,
      actor_name: actor.username,
      actor_role: actor.role,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId ?? null,
      result: e.result ?? 'ok',
      before: e.before ?? null,
      after: e.after ?? null,
      detail: e.detail ?? null,
      street_id: e.streetId ?? (actor.scope.kind === 'district' ? null : actor.scope.streetId),
      request_id: actor.requestId,
      ip: actor.ip,
    }));
    return {
      sql: `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, result, before, after,
                                   detail, street_id, request_id, ip)
            SELECT a.actor_id, a.actor_name, a.actor_role, a.action, a.object_type, a.object_id, a.result, a.before,
                   a.after, a.detail, a.street_id, a.request_id, a.ip
              FROM jsonb_to_recordset($1::jsonb) AS a(i int, actor_id uuid, actor_name text, actor_role text,
                   action text, object_type text, object_id text, result text, before jsonb, after jsonb,
                   detail jsonb, street_id uuid, request_id text, ip text)
             ORDER BY a.i`,
      params: [JSON.stringify(rows)],
      name: 'audit_insert',
    };
  }

  /** Rows of the caller's street (all rows for the district), newest first, filtered. */
  async search(scope: Scope, q: AuditQuery): Promise<{ rows: AuditLogEntity[]; total: number }> {
    const cond = scopeCondition(scope, 'a', AUDIT_SCOPE);
    const qb = this.db.manager.createQueryBuilder(AuditLogEntity, 'a').where(cond.sql, cond.params);
    if (q.from) qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.at < :to', { to: new Date(q.to) });
    if (q.actor) {
      if (UUID.test(q.actor)) qb.andWhere('a.actor_id = :actor', { actor: q.actor });
      else qb.andWhere('a.actor_name = :actor', { actor: q.actor });
    }
    if (q.action?.endsWith('*')) qb.andWhere('a.action LIKE :action', { action: likePrefix(q.action.slice(0, -1)) });
    else if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.objectType) qb.andWhere('a.object_type = :objectType', { objectType: q.objectType });
    if (q.objectId) qb.andWhere('a.object_id = :objectId', { objectId: q.objectId });
    if (q.result) qb.andWhere('a.result = :result', { result: q.result });
    const [rows, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip(q.offset)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }
}
