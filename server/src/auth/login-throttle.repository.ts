import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import type { Counter } from './login-throttle.rules';
import { LOGIN_THROTTLE } from './login-throttle.rules';

interface Row {
  key: string;
  failures: number;
  last_failure_at: Date | null;
  now: Date;
}

/** The counters' SQL. Must run inside a transaction: the rows stay locked until it commits. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /** Locks (creating if needed) the counters of `keys`, in key order so concurrent logins never deadlock. */
  async lock(keys: readonly string[]): Promise<{ counters: Map<string, Counter>; now: Date }> {
    const sorted = [...keys].sort();
    const m = this.db.manager;
    await m.query(
      `INSERT INTO login_throttle (key) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (key) DO NOTHING`,
      [sorted],
    );
    const rows = (await m.query(
      `SELECT key, failures, last_failure_at, now() AS now FROM login_throttle
        WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
      [sorted],
    )) as Row[];
    return {
      counters: new Map(rows.map((r) => [r.key, { failures: r.failures, lastFailureAt: r.last_failure_at }])),
      now: rows[0]?.now ?? new Date(),
    };
  }

  /** Counts one failure on each key; a counter idle for the whole window starts again from one. */
  async countFailure(keys: readonly string[]): Promise<void> {
    await this.db.manager.query(
      `UPDATE login_throttle
          SET failures = CASE WHEN last_failure_at IS NULL OR last_failure_at <= now() - make_interval(secs => $2)
                              THEN 1 ELSE failures + 1 END,
              last_failure_at = now()
        WHERE key = ANY($1::text[])`,
      [keys, LOGIN_THROTTLE.windowSeconds],
    );
  }

  /** Forgets `reset` entirely and takes one failure back from `undo` (an attempt that turned out right). */
  async forgive(reset: readonly string[], undo: readonly string[]): Promise<void> {
    const m = this.db.manager;
    await m.query(`DELETE FROM login_throttle WHERE key = ANY($1::text[])`, [reset]);
    await m.query(`UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = ANY($1::text[])`, [undo]);
  }

  /** Drops counters nobody has failed on for the whole window. */
  async prune(): Promise<number> {
    const [, affected] = (await this.db.manager.query(
      `DELETE FROM login_throttle
        WHERE last_failure_at IS NULL OR last_failure_at <= now() - make_interval(secs => $1)`,
      [LOGIN_THROTTLE.windowSeconds],
    )) as [unknown, number];
    return affected;
  }
}
