import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login: a family of refresh tokens, each used once. Access tokens name their session (`sid`), so
 * revoking it (logout, a reused refresh token, a password change) ends them at once, not at expiry.
 */
@Entity('auth_session')
@Index(['userId'])
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastUsedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout | reuse | password | disabled */
  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;
}

/** A refresh token, stored as its SHA-256 (the token itself is 256 random bits, never stored). */
@Entity('refresh_token')
@Index(['sessionId'])
@Index(['expiresAt'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when it was exchanged for the next token; presenting it again revokes the session. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
