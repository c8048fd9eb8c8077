import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface AccessClaims {
  sub: string;
  /** The user's token generation: disabling, rescoping or a password reset bumps it. */
  gen: number;
}

/** Short-lived access tokens, the same on HTTP (Bearer) and in the socket handshake (`auth.token`). */
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
    return this.jwt.sign(claims, { secret: this.config.jwtSecret, expiresIn: this.config.accessTokenTtlSeconds });
  }

  /** The claims, or null for a bad or expired token. */
  verify(token: string): AccessClaims | null {
    try {
      const c = this.jwt.verify<AccessClaims>(token, { secret: this.config.jwtSecret });
      return typeof c.sub === 'string' && typeof c.gen === 'number' ? { sub: c.sub, gen: c.gen } : null;
    } catch {
      return null;
    }
  }
}
