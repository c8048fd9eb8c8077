import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
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

/** Inserts only: the table itself refuses UPDATE and DELETE. */
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
}
