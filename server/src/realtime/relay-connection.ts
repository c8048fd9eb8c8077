import { Client, DatabaseError, type QueryConfig } from 'pg';

/**
 * The relay's PostgreSQL connection, outside the pool. In a burst every pooled connection is taken and
 * more writes queue for one; the relay's reads queued behind them would hold back what has already
 * committed, and its commit fence, once it got a connection, every new commit. Opened on first use and
 * again after it was lost. PGlite has exactly one connection, so there the relay shares the pool.
 */
export class RelayConnection {
  private client: Client | null = null;
  private opening: Promise<Client> | null = null;

  constructor(private readonly url: string) {}

  async rows<T>(query: QueryConfig): Promise<T[]> {
    const client = this.client ?? (await (this.opening ??= this.open()));
    try {
      return (await client.query(query)).rows as T[];
    } catch (e) {
      // A statement's error leaves the connection usable; anything else (it was lost) does not.
      if (!(e instanceof DatabaseError)) this.drop(client);
      throw e;
    }
  }

  async close(): Promise<void> {
    const client = this.client ?? (await this.opening?.catch(() => null));
    this.client = null;
    this.opening = null;
    await client?.end().catch(() => undefined);
  }

  private async open(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: 'gridboard-relay' });
    client.on('error', () => this.drop(client)); // lost: the next read opens another
    try {
      await client.connect();
      this.client = client;
      return client;
    } finally {
      this.opening = null;
    }
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
  }
}

export const RELAY_CONNECTION = Symbol('RELAY_CONNECTION');
