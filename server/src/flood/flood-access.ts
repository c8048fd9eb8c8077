import { Injectable } from '@nestjs/common';
import { canSee, type Jurisdiction } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Commands } from '../command/commands';
import { ApiException, forbidden, notFound } from '../common/errors';
import { type RegisterRow, registerJurisdiction, taskJurisdiction, warningJurisdiction } from './flood-dto';
import type { FloodWarningEntity } from './flood-warning.entity';
import { RegisterRepository } from './register.repository';
import { TasksRepository } from './tasks.repository';
import type { TransferTaskEntity } from './transfer-task.entity';
import { WarningsRepository } from './warnings.repository';

/**
 * Loading flood objects the caller may see (404 otherwise, audited), and the rules of who may
 * change what: register writes only inside one's own jurisdiction (not through street-wide
 * visibility), and a drill coordinator only ever acts on drills.
 */
@Injectable()
export class FloodAccess {
  constructor(
    private readonly policy: Policy,
    private readonly commands: Commands,
    private readonly register: RegisterRepository,
    private readonly warnings: WarningsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  async warning(actor: Actor, id: string): Promise<FloodWarningEntity> {
    const w = await this.warnings.findById(id);
    if (!w) throw notFound();
    await this.policy.ensureVisible(actor, warningJurisdiction(w), { type: 'flood_warning', id });
    return w;
  }

  async task(actor: Actor, id: string): Promise<TransferTaskEntity> {
    const t = await this.tasks.findById(id);
    if (!t) throw notFound();
    await this.policy.ensureVisible(actor, taskJurisdiction(t), { type: 'transfer_task', id });
    return t;
  }

  async household(actor: Actor, id: string): Promise<RegisterRow> {
    const h = await this.register.findById(id);
    if (!h) throw notFound();
    await this.policy.ensureVisible(actor, registerJurisdiction(h), { type: 'flood_household', id });
    return h;
  }

  /** Register writes: in sight but not in one's own jurisdiction → 403; out of sight → 404. */
  async ensureWritable(actor: Actor, j: Jurisdiction, object: { type: string; id: string | null }): Promise<void> {
    if (canSee(actor.scope, { ...j, streetWide: false })) return;
    const visible = canSee(actor.scope, j);
    await this.deny(actor, visible ? 'deny:flood.register' : 'deny:out_of_scope', object, j.streetId);
    throw visible ? forbidden() : notFound();
  }

  /** A drill coordinator issues and handles drill warnings only (drills share the board, not its reality). */
  async ensureDrillRule(actor: Actor, drillId: string | null, object: { type: string; id: string | null }) {
    if (actor.role !== 'drill_coordinator' || drillId) return;
    await this.deny(actor, 'deny:flood.drill_only', object, null);
    throw new ApiException(403, 'errors.flood_drill_only');
  }

  async deny(actor: Actor, action: string, object: { type: string; id: string | null }, streetId: string | null) {
    await this.commands.recordOutcome(actor, {
      action,
      objectType: object.type,
      objectId: object.id,
      result: 'denied',
      streetId,
    });
  }
}
