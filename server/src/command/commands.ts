import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventPayload, EventType, Jurisdiction } from '@gridboard/shared';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { Db } from '../db/db';
import { EVENT_BUS, type EventBus } from '../realtime/event-bus';
import { EventLogRepository, type EventDraft } from '../realtime/event-log.repository';

/** What a command records besides its entity writes; all of it commits, or none of it. */
export class CommandContext {
  readonly audits: AuditEntry[] = [];
  readonly events: EventDraft[] = [];

  audit(entry: AuditEntry): void {
    this.audits.push(entry);
  }

  emit<T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    jurisdiction: Jurisdiction,
    drillId?: string | null,
  ): void {
    this.events.push({ type, payload, jurisdiction, drillId: drillId ?? null });
  }
}

/**
 * Runs every write of the board (ARCHITECTURE.md "Every write is one transaction"): the entity,
 * its audit rows and its events in one transaction; the relays are told only after commit.
 */
@Injectable()
export class Commands {
  private readonly log = new Logger(Commands.name);

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
    private readonly eventLog: EventLogRepository,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  async run<T>(actor: Actor, fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
    if (this.db.inTransaction) throw new Error('commands do not nest: the relays are told after the outer commit');
    let emitted = 0;
    const result = await this.db.transaction(async () => {
      const ctx = new CommandContext();
      const value = await fn(ctx);
      // audit rows and events in one statement, sent with the COMMIT: one round trip while the entity's row is locked
      const audits = ctx.audits.length ? this.audit.insertStatement(actor, ctx.audits) : undefined;
      const last = this.eventLog.appendStatement(ctx.events, actor.userId, audits);
      if (last) await this.db.commitWith(last);
      emitted = ctx.events.length;
      return value;
    });
    if (emitted) {
      try {
        this.bus.notify();
      } catch (e) {
        // Committed is committed: the caller gets its result, and the relays' poll delivers the events.
        this.log.error({ err: e }, 'notifying the relays failed');
      }
    }
    return result;
  }

  /**
   * Records a refusal or failure (denied access, failed login) on its own: it must survive the rollback.
   * One INSERT is atomic by itself, so it needs no transaction of its own.
   */
  async recordOutcome(actor: Actor, entry: AuditEntry): Promise<void> {
    await this.audit.append(actor, [entry]);
  }
}
