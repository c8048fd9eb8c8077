import { Injectable } from '@nestjs/common';
import type { Role, Scope } from '@gridboard/shared';
import { IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Db } from '../db/db';
import { findRowById } from '../db/rows';
import { updateVersioned } from '../db/versioned-update';
import { scopeCondition } from './scope-filter';
import { UserEntity } from './user.entity';

export interface UserFilter {
  role?: Role;
  q?: string;
  disabled?: boolean;
  limit: number;
  offset: number;
}

export type NewUser = Pick<
  UserEntity,
  'username' | 'displayName' | 'role' | 'scope' | 'phone' | 'passwordHash' | 'mustChangePassword'
> & { passwordSetAt: Date | null };

export type ProfilePatch = Partial<Pick<UserEntity, 'displayName' | 'phone' | 'role' | 'scope'>>;

/** A user's row is scoped by the street of its own scope (null: a district-wide administrator). */
const USER_SCOPE = { street: 'street_id' } as const;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Read on every request and socket message (ActorResolver): plain SQL. */
  findById(id: string): Promise<UserEntity | null> {
    return findRowById(this.db.manager, UserEntity, id);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { username });
  }

  /** The users the caller's scope covers, filtered, by username. */
  async list(scope: Scope, f: UserFilter): Promise<{ rows: UserEntity[]; total: number }> {
    const cond = scopeCondition(scope, 'u', USER_SCOPE);
    const qb = this.db.manager.createQueryBuilder(UserEntity, 'u').where(cond.sql, cond.params);
    if (f.role) qb.andWhere('u.role = :role', { role: f.role });
    if (f.disabled !== undefined) qb.andWhere('u.disabled = :disabled', { disabled: f.disabled });
    if (f.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: likePattern(f.q) });
    const [rows, total] = await qb.orderBy('u.username', 'ASC').skip(f.offset).take(f.limit).getManyAndCount();
    return { rows, total };
  }

  async insert(u: NewUser): Promise<UserEntity> {
    const { identifiers } = await this.db.manager.insert(UserEntity, {
      ...u,
      streetId: streetOf(u.scope),
      disabled: false,
      tokenGeneration: 1,
    });
    return (await this.findById(identifiers[0]!.id as string))!;
  }

  /**
   * Profile, role and scope, based on `version` (409 with the current user when stale). A new role or
   * scope bumps the token generation: the user's access tokens stop working and must be refreshed.
   */
  updateProfile(
    id: string,
    version: number,
    patch: ProfilePatch,
    present: (current: UserEntity) => unknown,
  ): Promise<UserEntity> {
    const rescoped = patch.role !== undefined || patch.scope !== undefined;
    return updateVersioned(
      this.db.manager,
      UserEntity,
      id,
      version,
      {
        ...patch,
        ...(patch.scope ? { streetId: streetOf(patch.scope) } : {}),
        ...(rescoped ? { tokenGeneration: () => 'token_generation + 1' } : {}),
        updatedAt: () => 'now()',
      },
      present,
    );
  }

  /** A new password ends every token of the user (the generation moves on). */
  setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<UserEntity> {
    return this.bump(id, { passwordHash, mustChangePassword, passwordSetAt: () => 'now()' });
  }

  setDisabled(id: string, disabled: boolean): Promise<UserEntity> {
    return this.bump(id, { disabled });
  }

  async recordLogin(id: string): Promise<void> {
    await this.db.manager.update(UserEntity, { id }, { lastLoginAt: () => 'now()' });
  }

  /** Enabled users whose password was not set through the policy-checked API (seeded or imported). */
  withUncheckedPasswords(): Promise<Pick<UserEntity, 'username' | 'passwordHash'>[]> {
    return this.db.manager.find(UserEntity, {
      select: { username: true, passwordHash: true },
      where: { disabled: false, passwordSetAt: IsNull() },
      order: { username: 'ASC' },
    });
  }

  /** An unconditional change that still moves `version` on (so concurrent edits see it) and ends old tokens. */
  private async bump(id: string, set: QueryDeepPartialEntity<UserEntity>): Promise<UserEntity> {
    await this.db.manager.update(
      UserEntity,
      { id },
      {
        ...set,
        version: () => 'version + 1',
        tokenGeneration: () => 'token_generation + 1',
        updatedAt: () => 'now()',
      },
    );
    return (await this.findById(id))!;
  }
}

export function streetOf(scope: Scope): string | null {
  return scope.kind === 'district' ? null : scope.streetId;
}
