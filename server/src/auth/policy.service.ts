import { Injectable } from '@nestjs/common';
import { canSee, hasPermission, type Jurisdiction, type Permission } from '@gridboard/shared';
import { Commands } from '../command/commands';
import { forbidden, notFound } from '../common/errors';
import type { Actor } from './actor';
import type { ConfigScope } from './policy.decorators';

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

  /**
   * Configuration reaches every street (`district`) or a whole street (`street`): a holder of the
   * permission whose scope is narrower (a street admin for the district, a grid for its street) gets 403.
   */
  async ensureConfigScope(actor: Actor, permission: Permission, reach: ConfigScope): Promise<void> {
    const kind = actor.scope.kind;
    if (actor.role === 'system' || kind === 'district' || (reach === 'street' && kind === 'street')) return;
    await this.deny(actor, `deny:${permission}:${reach}`);
    throw forbidden(reach === 'district' ? 'errors.district_config_only' : 'errors.street_config_only');
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
