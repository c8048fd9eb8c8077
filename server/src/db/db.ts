import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ADVISORY_LOCKS } from './advisory-locks';
import type { SqlStatement } from './sql-statement';
import { PipelinedTransaction } from './pipelined-transaction';

const current = new AsyncLocalStorage<PipelinedTransaction>();

/**
 * The one way repositories reach the database. Inside `transaction()` every repository call joins
 * the same transaction without passing a manager around; outside, it uses the pool.
 */
@Injectable()
export class Db {
  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return current.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return current.getStore() !== undefined;
  }

  /**
   * READ COMMITTED, the connections' default (data-source.ts; PGlite's too). The BEGIN travels with
   * the transaction's first statement and the COMMIT with `commitWith`'s, if the transaction ends
   * with one (PipelinedTransaction): a command costs no round trip of its own to open or close.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    return PipelinedTransaction.run(this.dataSource, 'BEGIN', (tx) => current.run(tx, fn));
  }

  /**
   * Runs the transaction's last statement and commits with it, in one round trip. Nothing may run
   * in the transaction after it. Outside a transaction: the statement alone (atomic by itself).
   */
  async commitWith(statement: SqlStatement): Promise<void> {
    const tx = current.getStore();
    if (tx) await tx.commitWith(statement);
    else await this.manager.query(statement.sql, statement.params);
  }

  /**
   * A consistent read: one REPEATABLE READ snapshot for the data and the event position, so a
   * client can continue from `seq` with `sync` and miss nothing nor see anything twice. The snapshot
   * is fixed while the commit fence is held (PipelinedTransaction's session lock), when no commit is
   * between taking its seqs and ending: every seq up to the highest visible is in the snapshot or
   * will never be used. The fence is given up by that same first statement, so writers wait for one
   * statement, not for the whole read.
   */
  snapshot<T>(fn: () => Promise<T>): Promise<{ result: T; seq: number }> {
    const fence = ADVISORY_LOCKS.commitFence;
    return PipelinedTransaction.run(
      this.dataSource,
      'BEGIN ISOLATION LEVEL REPEATABLE READ',
      (tx) =>
        current.run(tx, async () => {
          const [row] = (await tx.manager.query(
            `SELECT coalesce(max(seq), 0) AS last, pg_advisory_unlock(${fence}) AS unfenced FROM event`,
          )) as { last: string }[];
          const result = await fn();
          return { result, seq: Number(row?.last ?? 0) };
        }),
      fence,
    );
  }
}
