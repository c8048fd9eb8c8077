import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Origin } from './auth.service';

/** The request's id, client address (after TRUST_PROXY) and user agent, for audit and throttling. */
export const RequestOrigin = createParamDecorator((_: unknown, ctx: ExecutionContext): Origin => {
  const req = ctx.switchToHttp().getRequest<Request & { id?: unknown }>();
  return {
    requestId: req.id !== undefined ? String(req.id) : null,
    ip: req.ip ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
});
