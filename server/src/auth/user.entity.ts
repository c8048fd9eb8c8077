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
}
