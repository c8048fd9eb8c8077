import { Injectable } from '@nestjs/common';
import {
  type CreateUserInput,
  type Page,
  type RevealedUser,
  type Role,
  ROLE_SCOPE_KINDS,
  type Scope,
  type UpdateUserInput,
  type User,
  type UserListQuery,
} from '@gridboard/shared';
import { Commands } from '../command/commands';
import { forbidden, invalid, invalidField, notFound } from '../common/errors';
import { Db } from '../db/db';
import type { Actor } from './actor';
import { assertStrongPassword, hashPassword } from './passwords';
import { Policy } from './policy.service';
import { ScopeUnitsRepository, type UnitTable } from './scope-units.repository';
import { SessionRepository } from './session.repository';
import { auditView, toUserDto, userJurisdiction } from './user-dto';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

/**
 * Accounts, roles and scopes (admin pages, permission user.manage). Every change is a command with an
 * audit row; a change of role, scope, password or enabled state moves the user's token generation on
 * and emits `auth.user_changed`, so their access tokens stop working and their sockets drop at once.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly units: ScopeUnitsRepository,
    private readonly policy: Policy,
    private readonly commands: Commands,
    private readonly db: Db,
  ) {}

  async list(actor: Actor, q: UserListQuery): Promise<Page<User>> {
    const { result, seq } = await this.db.snapshot(() => this.users.list(actor.scope, q));
    return { items: result.rows.map(toUserDto), total: result.total, seq };
  }

  async get(actor: Actor, id: string): Promise<User> {
    return toUserDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: CreateUserInput): Promise<User> {
    assertStrongPassword(input.password, 'password');
    const scope = await this.checkAssignment(actor, input.role, input.scope);
    if (await this.users.findByUsername(input.username)) throw duplicateUsername();
    const passwordHash = await hashPassword(input.password);
    const user = await this.commands
      .run(actor, async (ctx) => {
        const u = await this.users.insert({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          scope,
          phone: input.phone ?? null,
          passwordHash,
          passwordSetAt: new Date(),
          mustChangePassword: true,
        });
        ctx.audit({
          action: 'user.create',
          objectType: 'user',
          objectId: u.id,
          after: auditView(u),
          streetId: u.streetId,
        });
        return u;
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? duplicateUsername() : e;
      });
    return toUserDto(user);
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
    const before = await this.visible(actor, id);
    const role = input.role ?? before.role;
    const scope =
      input.role || input.scope ? await this.checkAssignment(actor, role, input.scope ?? before.scope) : before.scope;
    const rescoped = role !== before.role || JSON.stringify(scope) !== JSON.stringify(before.scope);
    if (rescoped && id === actor.userId) throw forbidden('errors.self_change');
    const updated = await this.commands.run(actor, async (ctx) => {
      const u = await this.users.updateProfile(
        id,
        input.version,
        {
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(rescoped ? { role, scope } : {}),
        },
        toUserDto,
      );
      ctx.audit({
        action: 'user.update',
        objectType: 'user',
        objectId: id,
        before: auditView(before),
        after: auditView(u),
        streetId: u.streetId ?? before.streetId,
      });
      if (rescoped) ctx.emit('auth.user_changed', { userId: id }, userJurisdiction(u));
      return u;
    });
    return toUserDto(updated);
  }

  /** Sets a password chosen by the administrator; the user must replace it at the next login. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<User> {
    const before = await this.visible(actor, id);
    assertStrongPassword(password, 'password');
    const passwordHash = await hashPassword(password);
    const updated = await this.commands.run(actor, async (ctx) => {
      const u = await this.users.setPassword(id, passwordHash, true);
      const ended = await this.sessions.revokeAllOf(id, 'password_reset');
      ctx.audit({
        action: 'user.password_reset',
        objectType: 'user',
        objectId: id,
        detail: { sessionsEnded: ended },
        streetId: before.streetId,
      });
      ctx.emit('auth.user_changed', { userId: id }, userJurisdiction(u));
      return u;
    });
    return toUserDto(updated);
  }

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<User> {
    const before = await this.visible(actor, id);
    if (disabled && id === actor.userId) throw forbidden('errors.self_change');
    const updated = await this.commands.run(actor, async (ctx) => {
      const u = await this.users.setDisabled(id, disabled);
      const ended = disabled ? await this.sessions.revokeAllOf(id, 'disabled') : 0;
      ctx.audit({
        action: disabled ? 'user.disable' : 'user.enable',
        objectType: 'user',
        objectId: id,
        before: { disabled: before.disabled },
        after: { disabled },
        detail: disabled ? { sessionsEnded: ended } : null,
        streetId: before.streetId,
      });
      ctx.emit('auth.user_changed', { userId: id }, userJurisdiction(u));
      return u;
    });
    return toUserDto(updated);
  }

  /** The unmasked phone, for roles with pii.reveal; every reveal is audited. */
  async reveal(actor: Actor, id: string): Promise<RevealedUser> {
    const u = await this.visible(actor, id);
    await this.policy.ensure(actor, 'pii.reveal', { type: 'user', id });
    await this.commands.run(actor, async (ctx) => {
      ctx.audit({
        action: 'pii.reveal',
        objectType: 'user',
        objectId: id,
        detail: { fields: ['phone'] },
        streetId: u.streetId,
      });
    });
    return { id, phone: u.phone };
  }

  /** The user, if the caller's scope covers it; otherwise 404 (audited), as if it did not exist. */
  private async visible(actor: Actor, id: string): Promise<UserEntity> {
    const u = await this.users.findById(id);
    if (!u) throw notFound();
    await this.policy.ensureVisible(actor, userJurisdiction(u), { type: 'user', id });
    return u;
  }

  /**
   * A role and scope that go together (ROLE_SCOPE_KINDS), inside the caller's own jurisdiction, naming
   * units that exist in the scope's street. Returns the scope with duplicate ids removed.
   */
  private async checkAssignment(actor: Actor, role: Role, scope: Scope): Promise<Scope> {
    const kinds = ROLE_SCOPE_KINDS[role];
    if (!kinds.includes(scope.kind)) {
      throw invalidField(
        'scope.kind',
        'invalid_scope_kind',
        `该角色的范围只能是 ${kinds.join('、')} / role ${role} takes a scope of kind ${kinds.join(' or ')}`,
      );
    }
    if (scope.kind === 'district') {
      if (actor.scope.kind !== 'district') throw forbidden();
      return scope;
    }
    const streetVisible = this.policy.sees(actor, userJurisdiction({ streetId: scope.streetId }));
    if (!streetVisible || !(await this.units.streetExists(scope.streetId))) {
      throw invalidField('scope.streetId', 'not_found', '街道不存在 / no such street');
    }
    /** The ids without duplicates, or 400 naming each id that is not a unit of the street. */
    const check = async (table: UnitTable, ids: string[], field: (index: number) => string): Promise<string[]> => {
      const unique = [...new Set(ids)];
      const found = await this.units.inStreet(table, scope.streetId, unique);
      const missing = unique.filter((unitId) => !found.has(unitId));
      if (missing.length) {
        throw invalid(
          missing.map((unitId) => ({
            field: field(ids.indexOf(unitId)),
            code: 'not_found',
            message: `该街道没有此${UNIT_NAMES[table]} / no such ${table} in the street`,
          })),
        );
      }
      return unique;
    };
    switch (scope.kind) {
      case 'street':
        return scope;
      case 'communities':
        return {
          ...scope,
          communityIds: await check('community', scope.communityIds, (i) => `scope.communityIds.${i}`),
        };
      case 'grids':
        return { ...scope, gridIds: await check('grid', scope.gridIds, (i) => `scope.gridIds.${i}`) };
      case 'department':
        await check('department', [scope.departmentId], () => 'scope.departmentId');
        return scope;
    }
  }
}

const UNIT_NAMES: Record<UnitTable, string> = { community: '社区', grid: '网格', department: '部门' };

function duplicateUsername() {
  return invalid(
    [{ field: 'username', code: 'duplicate', message: '用户名已存在 / username already taken' }],
    'errors.duplicate',
  );
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { driverError?: { code?: string } })?.driverError?.code === '23505';
}
