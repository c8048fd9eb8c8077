import { Inject, Injectable } from '@nestjs/common';
import type { ChangePasswordInput, LoginInput, Session, SessionUser } from '@gridboard/shared';
import { Commands } from '../command/commands';
import { invalidField, notFound, tooManyAttempts, unauthorized } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Actor } from './actor';
import { attemptKeys, LoginThrottle } from './login-throttle';
import { assertStrongPassword, hashPassword, verifyAgainstNobody, verifyPassword } from './passwords';
import { SessionRepository } from './session.repository';
import { AccessTokens, hashRefreshToken, newRefreshToken } from './tokens';
import { userJurisdiction } from './user-dto';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

/** Where a request came from, for the audit log and the per-address throttle. */
export interface Origin {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Login, refresh-token rotation, logout and changing one's own password. Sessions are families of
 * single-use refresh tokens: a token presented twice means it was copied, and the whole family ends.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly commands: Commands,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(input: LoginInput, origin: Origin): Promise<Session> {
    const user = await this.users.findByUsername(input.username);
    const actor = user ? actorOf(user, origin) : anonymous(input.username, origin);
    const keys = attemptKeys(input.username, origin.ip);
    const audit = { action: 'auth.login', objectType: 'user', objectId: user?.id ?? null };
    const refused = await this.throttle.admit(actor, keys);
    if (refused) {
      await this.commands.recordOutcome(actor, { ...audit, result: 'denied', detail: { reason: refused.reason } });
      throw tooManyAttempts(refused.retryAfter, 'errors.account_locked');
    }
    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstNobody(input.password);
    if (!ok || !user) {
      await this.commands.recordOutcome(actor, { ...audit, result: 'failed', detail: { reason: 'password' } });
      throw unauthorized('errors.login_failed');
    }
    if (user.disabled) {
      // The right password, so not a guess: forgiven, but no session.
      await this.commands.run(actor, async (ctx) => {
        await this.throttle.forgive(keys);
        ctx.audit({ ...audit, result: 'failed', detail: { reason: 'disabled' } });
      });
      throw unauthorized('errors.account_disabled');
    }
    return this.commands.run(actor, async (ctx) => {
      await this.throttle.forgive(keys);
      await this.users.recordLogin(user.id);
      const session = await this.open(user, origin);
      ctx.audit({ ...audit, detail: { sessionId: session.sid } });
      return session.answer;
    });
  }

  /** Exchanges a refresh token for a new pair; a token used before ends its session (theft detection). */
  async refresh(refreshToken: string, origin: Origin): Promise<Session> {
    const hash = hashRefreshToken(refreshToken);
    const seen = await this.sessions.token(hash);
    const user = seen ? await this.users.findById(seen.userId) : null;
    if (!seen || !user) throw unauthorized('errors.token_invalid');
    const actor = actorOf(user, origin);
    const outcome = await this.commands.run(actor, async (ctx) => {
      const t = (await this.sessions.token(hash, true))!;
      const audit = { action: 'auth.refresh', objectType: 'session', objectId: t.sessionId, streetId: user.streetId };
      if (t.used && !t.sessionRevoked) {
        await this.sessions.revoke(t.sessionId, 'reuse');
        ctx.audit({ ...audit, action: 'auth.refresh_reuse', result: 'failed', detail: { sessionRevoked: true } });
        ctx.emit('auth.user_changed', { userId: user.id }, userJurisdiction(user));
        return null;
      }
      // Read again inside the transaction: the new access token carries the current generation and scope.
      const current = await this.users.findById(user.id);
      if (t.used || t.expired || t.sessionRevoked || !current || current.disabled) return null;
      await this.sessions.markUsed(hash, t.sessionId);
      const answer = await this.issue(current, t.sessionId);
      ctx.audit(audit);
      return answer;
    });
    if (!outcome) {
      await this.commands.recordOutcome(actor, {
        action: 'auth.refresh',
        objectType: 'session',
        objectId: seen.sessionId,
        result: 'failed',
      });
      throw unauthorized('errors.token_invalid');
    }
    return outcome;
  }

  /** Ends the session of this refresh token (its access tokens stop working at once). Idempotent. */
  async logout(refreshToken: string, origin: Origin): Promise<void> {
    const seen = await this.sessions.token(hashRefreshToken(refreshToken));
    const user = seen ? await this.users.findById(seen.userId) : null;
    if (!seen || !user || seen.sessionRevoked) return;
    await this.commands.run(actorOf(user, origin), async (ctx) => {
      await this.sessions.revoke(seen.sessionId, 'logout');
      ctx.audit({ action: 'auth.logout', objectType: 'session', objectId: seen.sessionId, streetId: user.streetId });
      // The session's sockets go too (a shared duty-room screen must stop streaming at logout).
      ctx.emit('auth.user_changed', { userId: user.id }, userJurisdiction(user));
    });
  }

  async me(actor: Actor): Promise<SessionUser> {
    const user = await this.users.findById(actor.userId!);
    if (!user) throw notFound();
    return sessionUser(user);
  }

  /**
   * Changes the caller's own password, throttled like a login (it checks the current one). Every
   * other session ends; the answer is a fresh session for this one.
   */
  async changePassword(actor: Actor, input: ChangePasswordInput, origin: Origin): Promise<Session> {
    assertStrongPassword(input.newPassword, 'newPassword');
    if (input.newPassword === input.currentPassword) {
      throw invalidField(
        'newPassword',
        'unchanged',
        '新密码不能与当前密码相同 / the new password must differ from the current one',
      );
    }
    const user = await this.users.findById(actor.userId!);
    if (!user) throw notFound();
    const keys = attemptKeys(user.username, origin.ip);
    const refused = await this.throttle.admit(actor, keys);
    const audit = { action: 'auth.password_change', objectType: 'user', objectId: user.id };
    if (refused) {
      await this.commands.recordOutcome(actor, { ...audit, result: 'denied', detail: { reason: refused.reason } });
      throw tooManyAttempts(refused.retryAfter, 'errors.account_locked');
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await this.commands.recordOutcome(actor, { ...audit, result: 'failed', detail: { reason: 'password' } });
      throw invalidField('currentPassword', 'wrong_password', '当前密码不正确 / the current password is wrong');
    }
    const passwordHash = await hashPassword(input.newPassword);
    return this.commands.run(actor, async (ctx) => {
      await this.throttle.forgive(keys);
      const updated = await this.users.setPassword(user.id, passwordHash, false);
      const ended = await this.sessions.revokeAllOf(user.id, 'password');
      const session = await this.open(updated, origin);
      ctx.audit({ ...audit, detail: { sessionsEnded: ended } });
      ctx.emit('auth.user_changed', { userId: user.id }, userJurisdiction(updated));
      return session.answer;
    });
  }

  private async open(user: UserEntity, origin: Origin): Promise<{ sid: string; answer: Session }> {
    const sid = await this.sessions.open(user.id, origin.ip, origin.userAgent);
    return { sid, answer: await this.issue(user, sid) };
  }

  private async issue(user: UserEntity, sid: string): Promise<Session> {
    const refresh = newRefreshToken();
    await this.sessions.addToken(sid, refresh.hash, this.config.refreshTokenTtlSeconds);
    return {
      accessToken: this.tokens.sign({ sub: user.id, gen: user.tokenGeneration, sid }),
      expiresIn: this.tokens.ttlSeconds,
      refreshToken: refresh.token,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
      user: sessionUser(user),
    };
  }
}

function actorOf(u: UserEntity, origin: Origin): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    requestId: origin.requestId,
    ip: origin.ip,
  };
}

/** Attempts on unknown usernames are audited as the system, under the name that was tried. */
function anonymous(username: string, origin: Origin): Actor {
  return {
    userId: null,
    username,
    displayName: username,
    role: 'system',
    scope: { kind: 'district' },
    requestId: origin.requestId,
    ip: origin.ip,
  };
}

export function sessionUser(u: UserEntity): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    mustChangePassword: u.mustChangePassword,
  };
}
