import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { unauthorized } from '../common/errors';
import { ActorResolver } from './actor-resolver';
import { ACTOR_KEY } from './current-actor.decorator';
import { Policy } from './policy.service';
import { POLICY_KEY, type RoutePolicy } from './policy.decorators';

/** Global HTTP guard: authenticates the bearer token and applies the route's declared policy. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
    private readonly policy: Policy,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const route = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const req = ctx.switchToHttp().getRequest<Request & { id?: string | number; [ACTOR_KEY]?: unknown }>();
    if (!route) {
      // Default deny: a route without a declared policy is a bug, never an open door.
      this.log.error(`route without policy: ${req.method} ${req.path}`);
      return false;
    }
    if (route.kind === 'public') return true;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const actor = await this.actors.fromToken(token, req.id !== undefined ? String(req.id) : null, req.ip ?? null);
    if (!actor) throw unauthorized(token ? 'errors.token_invalid' : 'errors.unauthorized');
    req[ACTOR_KEY] = actor;
    if (route.kind === 'permission') {
      await this.policy.ensure(actor, route.permission);
      if (route.configScope) await this.policy.ensureConfigScope(actor, route.permission, route.configScope);
    }
    return true;
  }
}
