import type { PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { PipelinedQuery } from './pipelined-query';
import type { SqlStatement } from './sql-statement';

/** pg's client.query: a promise for (text, values), the query itself for a submittable. */
type PgQueryCall = (text: unknown, values?: unknown) => unknown;

/** What TypeORM keeps about a runner's transaction: set by hand, since we send BEGIN and COMMIT ourselves. */
interface RunnerTransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * A transaction on one pooled connection whose BEGIN goes out with its first statement and whose
 * COMMIT with its last (`commitWith`), each in the same write and round trip (PipelinedQuery). The
 * statements still go through TypeORM's query runner, so repositories keep using the EntityManager
 * and errors stay QueryFailedErrors. TypeORM is told the runner is inside a transaction: `save()`
 * opens none of its own, and a nested `transaction()` becomes a savepoint.
 */
export class PipelinedTransaction {
  /** idle: nothing sent yet (no BEGIN either); open: BEGIN sent; committed: ended by `commitWith`. */
  private state: 'idle' | 'open' | 'committed' = 'idle';
  private firstStatementDone = false;
  private commitNext: { name?: string } | null = null;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly begin: string,
  ) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /**
   * `sessionLock`: an advisory lock key taken on the connection before BEGIN, which `fn`'s first
   * statement gives up once it has fixed the transaction's snapshot (Db.snapshot); if that statement
   * never ran or failed, it is given up here, so the pooled connection never keeps it.
   */
  static async run<T>(
    ds: DataSource,
    begin: string,
    fn: (tx: PipelinedTransaction) => Promise<T>,
    sessionLock?: number,
  ): Promise<T> {
    const runner = ds.createQueryRunner();
    const tx = new PipelinedTransaction(runner, begin);
    let client: PoolClient | undefined;
    let locked = false;
    try {
      client = (await runner.connect()) as PoolClient;
      if (sessionLock !== undefined) {
        await runner.query(`SELECT pg_advisory_lock(${sessionLock})`);
        locked = true;
      }
      tx.attach(client);
      const result = await fn(tx);
      if (tx.state === 'open') await runner.query('COMMIT');
      return result;
    } catch (e) {
      // After a failed commitWith the transaction may already be gone: ROLLBACK then only warns.
      if (tx.state === 'open') await runner.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      if (client) tx.detach(client);
      if (locked && !tx.firstStatementDone) await runner.query(`SELECT pg_advisory_unlock(${sessionLock})`);
      await runner.release();
    }
  }

  /** The transaction's last statement, committed in the same round trip. */
  async commitWith(statement: SqlStatement): Promise<void> {
    if (this.state === 'committed') throw new Error('the transaction has already committed');
    this.commitNext = { name: statement.name };
    try {
      await this.runner.query(statement.sql, statement.params);
    } finally {
      this.commitNext = null;
    }
    this.state = 'committed';
  }

  /**
   * While the transaction runs: its statements go out one at a time in call order (a Promise.all of
   * reads inside a transaction would otherwise queue inside pg, which pg 9 refuses), the first with
   * the BEGIN and commitWith's with the COMMIT.
   */
  private attach(client: PoolClient): void {
    const query = client.query.bind(client) as PgQueryCall;
    Object.assign(this.runner as unknown as RunnerTransactionState, { isTransactionActive: true, transactionDepth: 1 });
    let previous: Promise<unknown> = Promise.resolve();
    (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof text !== 'string' || rest.length || (values !== undefined && !Array.isArray(values))) {
        // TypeORM's runner only ever sends (text, parameters); anything else (a stream) has no place here.
        return Promise.reject(new Error('only plain statements run in a pipelined transaction'));
      }
      const sent = previous.then(() => this.send(query, text, values));
      previous = sent.catch(() => undefined);
      return sent;
    };
  }

  private send(query: PgQueryCall, text: string, values: unknown[] | undefined): Promise<QueryResult> {
    if (this.state === 'committed') return Promise.reject(new Error('the transaction has already committed'));
    const lead = this.state === 'idle' ? this.begin : null;
    const trail = this.commitNext ? 'COMMIT' : null;
    if (!lead && !trail) return query(text, values) as Promise<QueryResult>;
    // Named only without a BEGIN before it: pg marks a name prepared at the first ParseComplete of a
    // query, which would be the BEGIN's, and a statement that then failed to parse would stay "prepared".
    const name = lead ? undefined : this.commitNext?.name;
    this.state = 'open';
    return new Promise<QueryResult>((resolve, reject) => {
      // A submittable query: pg answers through its callback.
      query(
        new PipelinedQuery(lead, trail, { text, values, name }, (err, res) => {
          if (err) return reject(err);
          if (lead) this.firstStatementDone = true;
          resolve(res);
        }),
      );
    });
  }

  /** Back to the pool as it came: pg's own query method, TypeORM's runner state cleared. */
  private detach(client: PoolClient): void {
    delete (client as unknown as { query?: unknown }).query; // pg's Client has it on its prototype
    Object.assign(this.runner as unknown as RunnerTransactionState, {
      isTransactionActive: false,
      transactionDepth: 0,
    });
  }
}
