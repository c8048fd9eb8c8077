import { Injectable } from '@nestjs/common';
import type { AuditQuery, Scope } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { scopeCondition } from '../auth/scope-filter';
import { Db } from '../db/db';
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
    await this.db.manager.insert(
      AuditLogEntity,
      entries.map((e) => ({
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: actor.role,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId ?? null,
        result: e.result ?? 'ok',
        before: e.before ?? null,
        after: e.after ?? null,
        detail: e.detail ?? null,
        streetId: e.streetId ?? (actor.scope.kind === 'district' ? null : actor.scope.streetId),
        requestId: actor.requestId,
        ip: actor.ip,
      })),
    );
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
