import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const current = new AsyncLocalStorage<EntityManager>();

/**
 * The one way repositories reach the database. Inside `transaction()` every repository call joins
 * the same transaction without passing a manager around; outside, it uses the pool.
 */
@Injectable()
export class Db {
  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return current.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return current.getStore() !== undefined;
  }

  /**
   * READ COMMITTED, the connections' default (data-source.ts; PGlite's too): naming the level here
   * would make TypeORM send a SET TRANSACTION after START TRANSACTION, one more round trip per command.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    return this.dataSource.transaction((m) => current.run(m, fn));
  }

  /**
   * A consistent read: one REPEATABLE READ snapshot for the data and the event position, so a
   * client can continue from `seq` with `sync` and miss nothing nor see anything twice.
   */
  snapshot<T>(fn: () => Promise<T>): Promise<{ result: T; seq: number }> {
    return this.dataSource.transaction('REPEATABLE READ', (m) =>
      current.run(m, async () => {
        const [row] = (await m.query('SELECT last FROM event_seq WHERE id = 1')) as { last: string }[];
        const result = await fn();
        return { result, seq: Number(row?.last ?? 0) };
      }),
    );
  }
}
