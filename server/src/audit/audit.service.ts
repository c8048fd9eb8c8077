import { Injectable } from '@nestjs/common';
import type { AuditEntryView, AuditQuery, Page } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { maskPersonalData } from '../auth/personal-data';
import { Db } from '../db/db';
import type { AuditLogEntity } from './audit-log.entity';
import { AuditRepository } from './audit.repository';

/** The audit search (admins everywhere they administer, leaders on their own street). */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly db: Db,
  ) {}

  async search(actor: Actor, q: AuditQuery): Promise<Page<AuditEntryView>> {
    const { result, seq } = await this.db.snapshot(() => this.audit.search(actor.scope, q));
    return { items: result.rows.map(toView), total: result.total, seq };
  }
}

/** Personal data inside before/after/detail is shown masked, whoever reads the log. */
function toView(a: AuditLogEntity): AuditEntryView {
  return {
    id: String(a.id),
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorName: a.actorName,
    actorRole: a.actorRole,
    action: a.action,
    objectType: a.objectType,
    objectId: a.objectId,
    result: a.result as AuditEntryView['result'],
    before: maskPersonalData(a.before, a.objectType),
    after: maskPersonalData(a.after, a.objectType),
    detail: maskPersonalData(a.detail, a.objectType),
    streetId: a.streetId,
    requestId: a.requestId,
    ip: a.ip,
  };
}
