import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Table locks that hold a request at a chosen statement, to stage a race rather than wait for it.
 * `lockSession` opens a transaction that gives up after 10 s; lock a table in it, then COMMIT (or
 * ROLLBACK) to let the held requests go on.
 */
export async function lockSession(databaseUrl: string | undefined): Promise<Client> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query("BEGIN; SET LOCAL lock_timeout = '10s'");
  return c;
}

/** Resolves once `n` statements of this database containing `sql` wait for a lock. */
export async function waitingIn(ds: DataSource, sql: string, n: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const [row] = (await ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
      [sql],
    )) as { n: number }[];
    if (row!.n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${n} statements wait in ${sql}`);
}
