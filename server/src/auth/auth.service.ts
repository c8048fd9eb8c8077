import { Injectable } from '@nestjs/common';
import type { LoginInput, SessionUser } from '@gridboard/shared';
import { Commands } from '../command/commands';
import { unauthorized } from '../common/errors';
import type { Actor } from './actor';
import { verifyPassword } from './passwords';
import { AccessTokens } from './tokens';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccessTokens,
    private readonly commands: Commands,
  ) {}

  async login(input: LoginInput, requestId: string | null, ip: string | null): Promise<Session> {
    const user = await this.users.findByUsername(input.username);
    const ok = user !== null && !user.disabled && (await verifyPassword(user.passwordHash, input.password));
    const actor: Actor = user
      ? { ...toActorBase(user), requestId, ip }
      : {
          userId: null,
          username: input.username,
          displayName: input.username,
          role: 'system',
          scope: { kind: 'district' },
          requestId,
          ip,
        };
    await this.commands.recordOutcome(actor, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user?.id ?? null,
      result: ok ? 'ok' : 'failed',
    });
    if (!ok || !user) throw unauthorized('errors.login_failed');
    return {
      accessToken: this.tokens.sign({ sub: user.id, gen: user.tokenGeneration }),
      expiresIn: this.tokens.ttlSeconds,
      user: sessionUser(user),
    };
  }
}

function toActorBase(u: UserEntity): Omit<Actor, 'requestId' | 'ip'> {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope };
}

export function sessionUser(u: UserEntity): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope };
}
