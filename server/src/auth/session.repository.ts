import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { AuthSessionEntity } from './session.entity';

/** A refresh token with the state of its session, as read under a row lock. */
export interface RefreshTokenState {
  tokenHash: string;
  sessionId: string;
  userId: string;
  expired: boolean;
  used: boolean;
  sessionRevoked: boolean;
}

interface StateRow {
  token_hash: string;
  session_id: string;
  user_id: string;
  expired: boolean;
  used: boolean;
  session_revoked: boolean;
}

@Injectable()
export class SessionRepository {
  constructor(private readonly db: Db) {}

  async open(userId: string, ip: string | null, userAgent: string | null): Promise<string> {
    const { identifiers } = await this.db.manager.insert(AuthSessionEntity, {
      userId,
      lastUsedAt: () => 'now()',
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return identifiers[0]!.id as string;
  }

  async addToken(sessionId: string, tokenHash: string, ttlSeconds: number): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO refresh_token (token_hash, session_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenHash, sessionId, ttlSeconds],
    );
  }

  /** The token's state; with `lock`, its row stays locked so two refreshes with one token serialize. */
  async token(tokenHash: string, lock = false): Promise<RefreshTokenState | null> {
    const [row] = (await this.db.manager.query(
      `SELECT t.token_hash, t.session_id, s.user_id, t.expires_at <= now() AS expired, t.used_at IS NOT NULL AS used,
              s.revoked_at IS NOT NULL AS session_revoked
         FROM refresh_token t JOIN auth_session s ON s.id = t.session_id
        WHERE t.token_hash = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [tokenHash],
    )) as StateRow[];
    return row
      ? {
          tokenHash: row.token_hash,
          sessionId: row.session_id,
          userId: row.user_id,
          expired: row.expired,
          used: row.used,
          sessionRevoked: row.session_revoked,
        }
      : null;
  }

  async markUsed(tokenHash: string, sessionId: string): Promise<void> {
    const m = this.db.manager;
    await m.query(`UPDATE refresh_token SET used_at = now() WHERE token_hash = $1`, [tokenHash]);
    await m.query(`UPDATE auth_session SET last_used_at = now() WHERE id = $1`, [sessionId]);
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const rows = (await this.db.manager.query(
      `SELECT 1 FROM auth_session WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    )) as unknown[];
    return rows.length > 0;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Ends every session of a user (disabled, password set); returns how many were open. */
  async revokeAllOf(userId: string, reason: string): Promise<number> {
    const [, affected] = (await this.db.manager.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    )) as [unknown, number];
    return affected;
  }

  /** Drops expired tokens and sessions that can no longer be used, keeping a day for the audit trail. */
  async prune(refreshTtlSeconds: number): Promise<void> {
    const m = this.db.manager;
    await m.query(`DELETE FROM refresh_token WHERE expires_at <= now() - interval '1 day'`);
    await m.query(
      `DELETE FROM auth_session s
        WHERE (s.revoked_at IS NOT NULL AND s.revoked_at <= now() - interval '1 day')
           OR s.last_used_at <= now() - make_interval(secs => $1) - interval '1 day'`,
      [refreshTtlSeconds],
    );
    await m.query(
      `DELETE FROM refresh_token t WHERE NOT EXISTS (SELECT 1 FROM auth_session s WHERE s.id = t.session_id)`,
    );
  }
}
