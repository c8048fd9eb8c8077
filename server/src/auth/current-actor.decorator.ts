import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

export const ACTOR_KEY = 'actor';

/** The Actor the guard resolved for this request. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<Record<string, Actor>>()[ACTOR_KEY]!,
);
