import { Injectable } from '@nestjs/common';
import type { Actor } from './actor';
import { SessionRepository } from './session.repository';
import { AccessTokens, type AccessClaims } from './tokens';
import { UserRepository } from './user.repository';

/**
 * Token → Actor, read fresh from the users table each time, so disabling or rescoping a user takes
 * effect on the next request or socket message (no cached permissions). A token that names a login
 * session also needs that session to be open: logout and theft detection end it before it expires.
 */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async fromToken(token: string | undefined, requestId: string | null, ip: string | null): Promise<Actor | null> {
    if (!token) return null;
    const claims = this.tokens.verify(token);
    return claims ? this.fromClaims(claims, requestId, ip) : null;
  }

  /** For sockets: re-checked on every message, long after the handshake token may have expired. */
  async fromClaims(claims: AccessClaims, requestId: string | null, ip: string | null): Promise<Actor | null> {
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabled || user.tokenGeneration !== claims.gen) return null;
    if (claims.sid && !(await this.sessions.isActive(claims.sid, user.id))) return null;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      scope: user.scope,
      requestId,
      ip,
    };
  }
}
