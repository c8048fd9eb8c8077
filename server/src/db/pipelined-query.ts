import { Query, type Connection, type QueryResult } from 'pg';

/** The parts of pg's Query (lib/query.js) that a pipelined query extends; they are not in its typings. */
interface PgQuery {
  prepare(connection: Connection): void;
  _getRows(connection: Connection, rows: number | undefined): void;
  handleCommandComplete(msg: { text: string }, connection: Connection): void;
  portal: string;
}
/** The statement in the middle; with a `name`, pg parses it once per connection and then only binds it. */
export interface PipelinedStatement {
  text: string;
  values: unknown[] | undefined;
  name?: string;
}
const PgQuery = Query as unknown as new (
  config: PipelinedStatement & { callback: (err: Error | null, result: QueryResult) => void },
) => PgQuery;

/**
 * One statement sent together with a statement before it (BEGIN) and/or after it (COMMIT): one write
 * and one Sync, so one round trip instead of up to three — the extended-protocol pipelining pgjdbc
 * uses for its BEGIN. The callback sees the main statement's result only. An error in any of them
 * makes the server skip the rest up to the Sync: after a failed main statement the COMMIT does not
 * run and the transaction is left aborted, for the caller to roll back.
 */
export class PipelinedQuery extends PgQuery {
  private completed = 0;

  constructor(
    private readonly lead: string | null,
    private readonly trail: string | null,
    statement: PipelinedStatement,
    callback: (err: Error | null, result: QueryResult) => void,
  ) {
    super({
      ...statement,
      callback: (err, result) => callback(err ?? this.trailFailure, result),
    });
  }

  /** Set when the trailing COMMIT reported a rollback (an earlier statement had aborted the transaction). */
  private trailFailure: Error | null = null;

  /** Always the extended protocol, also without parameters: the pipeline needs it. */
  requiresPreparation(): boolean {
    return true;
  }

  override prepare(connection: Connection): void {
    if (this.lead) sendUnnamed(connection, this.lead);
    super.prepare(connection);
  }

  /** pg ends every prepared query with Execute + Sync here; the trailing statement goes in between. */
  override _getRows(connection: Connection, rows: number | undefined): void {
    if (rows) throw new Error('a pipelined query cannot page rows');
    (connection as unknown as { execute(c: { portal: string }): void }).execute({ portal: this.portal });
    if (this.trail) sendUnnamed(connection, this.trail);
    connection.sync();
  }

  override handleCommandComplete(msg: { text: string }, connection: Connection): void {
    const n = this.completed++;
    if (this.lead && n === 0) return;
    if (this.trail && n === (this.lead ? 2 : 1)) {
      // COMMIT of an aborted transaction answers ROLLBACK without an error: never report that as success.
      if (msg.text !== this.trail) this.trailFailure = new Error(`${this.trail} answered ${msg.text}`);
      return;
    }
    super.handleCommandComplete(msg, connection);
  }
}

/** Parse, Bind and Execute of a parameterless statement on the unnamed statement and portal, no Sync. */
function sendUnnamed(connection: Connection, text: string): void {
  const c = connection as unknown as {
    parse(q: { text: string; name: string; types: number[] }): void;
    bind(q: { portal: string; statement: string; values: unknown[] }): void;
    execute(q: { portal: string }): void;
  };
  c.parse({ text, name: '', types: [] });
  c.bind({ portal: '', statement: '', values: [] });
  c.execute({ portal: '' });
}
