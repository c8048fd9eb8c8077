import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface AccessClaims {
  sub: string;
  /** The user's token generation: disabling, rescoping or a password reset bumps it. */
  gen: number;
  /** The login session (auth_session.id): logging out or a stolen refresh token ends it at once. */
  sid?: string;
}

/**
 * Short-lived access tokens, the same on HTTP (Bearer) and in the socket handshake (`auth.token`),
 * HS256 with the key JwtModule holds (auth.module.ts).
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  sign(claims: AccessClaims): string {
    return this.jwt.sign(claims, { expiresIn: this.config.accessTokenTtlSeconds });
  }

  /** The claims, or null for a bad or expired token. */
  verify(token: string): AccessClaims | null {
    try {
      const c = this.jwt.verify<AccessClaims>(token);
      if (typeof c.sub !== 'string' || typeof c.gen !== 'number') return null;
      return typeof c.sid === 'string' ? { sub: c.sub, gen: c.gen, sid: c.sid } : { sub: c.sub, gen: c.gen };
    } catch {
      return null;
    }
  }
}

/**
 * Refresh tokens are 256 random bits, shown to the client once and stored only as their SHA-256:
 * a database leak yields no usable token (no slow hash needed at this entropy).
 */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
