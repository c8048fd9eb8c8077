import { Injectable } from '@nestjs/common';
import { canSee, type Jurisdiction } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Commands } from '../command/commands';
import { forbidden, invalidField, notFound } from '../common/errors';

/**
 * Jurisdiction rules of registry writes. Reading the street's structure is street-wide, writing is
 * not: community staff edit only their own community (canSee without the street-wide flag).
 * Out of sight → 404, in sight but not theirs → 403; both audited.
 */
@Injectable()
export class GeoAccess {
  constructor(
    private readonly policy: Policy,
    private readonly commands: Commands,
  ) {}

  ensureReadable(actor: Actor, j: Jurisdiction, object: { type: string; id: string }): Promise<void> {
    return this.policy.ensureVisible(actor, j, object);
  }

  async ensureWritable(actor: Actor, j: Jurisdiction, object: { type: string; id: string | null }): Promise<void> {
    if (canSee(actor.scope, { ...j, streetWide: false })) return;
    const visible = canSee(actor.scope, j);
    await this.commands.recordOutcome(actor, {
      action: visible ? 'deny:geo.write' : 'deny:out_of_scope',
      objectType: object.type,
      objectId: object.id,
      result: 'denied',
      streetId: j.streetId,
    });
    throw visible ? forbidden() : notFound();
  }

  /** The street a new street-level object goes to: the actor's own, or (district admins) the one named. */
  streetOf(actor: Actor, requested: string | undefined): string {
    if (actor.scope.kind === 'district') {
      if (!requested) throw invalidField('streetId', 'required', '必填 / required for district-wide users');
      return requested;
    }
    if (requested && requested !== actor.scope.streetId) throw notFound();
    return actor.scope.streetId;
  }
}
