import type { Role, Scope } from '@gridboard/shared';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

@Entity('app_user')
@Index(['streetId'])
export class UserEntity extends BaseEntity {
  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  /** The validated scope (shared scopeSchema); streetId mirrors it for filtering, null for district. */
  @Column({ type: 'jsonb' })
  scope: Scope;

  @Column({ type: 'uuid', nullable: true })
  streetId: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Bumped on disable, rescope, role change and password reset: older tokens stop working. */
  @Column({ type: 'int', default: 1 })
  tokenGeneration: number;

  /**
   * When the password was last set through the API, which enforces the password policy; null for
   * passwords set by a seed or import. Only those are checked for the demo password at production start.
   */
  @Column({ type: 'timestamptz', nullable: true })
  passwordSetAt: Date | null;

  /** Set by an administrator's create or reset: the user picks their own password first. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
