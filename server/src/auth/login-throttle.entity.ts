import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed-login counters, in Postgres so every instance sees the same ones. Keys: `p:<address>|<user>`
 * (the pair), `a:<address>`, `u:<user>`. See login-throttle.rules.ts and docs/SECURITY.md.
 */
@Entity('login_throttle')
@Index(['lastFailureAt'])
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;
}
