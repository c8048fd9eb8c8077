import { Injectable } from '@nestjs/common';
import { canSee, hasPermission, type Jurisdiction, type Permission } from '@gridboard/shared';
import { Commands } from '../command/commands';
import { forbidden, notFound } from '../common/errors';
import type { Actor } from './actor';

/**
 * The one answer to "may this user do A to O" (ARCHITECTURE.md "Who may see what"). REST guards,
 * repository scoping, socket rooms and replay all derive from the same shared rules: permissions by
 * role (roles.ts) and visibility by scope (jurisdiction.ts). Outside the scope answers 404 (the object
 * is not confirmed to exist); a forbidden action on a visible object answers 403. Both are audited.
 */
@Injectable()
export class Policy {
  constructor(private readonly commands: Commands) {}

  permits(actor: Actor, permission: Permission): boolean {
    return actor.role === 'system' || hasPermission(actor.role, permission);
  }

  sees(actor: Actor, j: Jurisdiction): boolean {
    return canSee(actor.scope, j);
  }

  async ensure(actor: Actor, permission: Permission, object?: { type: string; id: string }): Promise<void> {
    if (this.permits(actor, permission)) return;
    await this.deny(actor, `deny:${permission}`, object);
    throw forbidden();
  }

  /** District-wide configuration changes every street: a street-scoped holder of the permission gets 403. */
  async ensureDistrictWide(actor: Actor, permission: Permission): Promise<void> {
    if (actor.role === 'system' || actor.scope.kind === 'district') return;
    await this.deny(actor, `deny:${permission}:district`);
    throw forbidden('errors.district_config_only');
  }

  async ensureVisible(actor: Actor, j: Jurisdiction, object: { type: string; id: string }): Promise<void> {
    if (this.sees(actor, j)) return;
    await this.deny(actor, 'deny:out_of_scope', object);
    throw notFound();
  }

  private async deny(actor: Actor, action: string, object?: { type: string; id: string }): Promise<void> {
    await this.commands.recordOutcome(actor, {
      action,
      objectType: object?.type ?? 'route',
      objectId: object?.id ?? null,
      result: 'denied',
    });
  }
}
