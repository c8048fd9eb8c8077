import { ADVISORY_LOCKS } from './advisory-locks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, MigrationExecutor } from 'typeorm';
import { DEFAULT_POOL_SIZE, type AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming';

/**
 * DATABASE_URL → that PostgreSQL; unset → embedded PGlite (Postgres in WASM) in $DATA_DIR/pglite,
 * through the same pg driver and the same migrations. `synchronize` is never on: migrations only.
 */
export function createDataSource(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'> & Partial<Pick<AppConfig, 'databasePoolSize'>>,
): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto' as const,
  };
  if (config.databaseUrl) {
    // READ COMMITTED is stated once per connection (Postgres' default, made explicit): Db.transaction
    // relies on it without the extra round trip of a SET TRANSACTION per command. `min` = `max`: no
    // connection is closed for being idle, so a burst after a quiet hour finds them open and warm.
    const size = config.databasePoolSize ?? DEFAULT_POOL_SIZE;
    return new DataSource({
      ...common,
      url: config.databaseUrl,
      extra: { max: size, min: size, options: '-c default_transaction_isolation=read\\ committed' },
    });
  }
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  const ds = new DataSource({ ...common, extra: createPgConfig(pglite) });
  const destroy = ds.destroy.bind(ds);
  // The PGlite instance is ours, not the pool's: close it with the data source so files are flushed.
  ds.destroy = async () => {
    await destroy();
    await pglite.close();
  };
  return ds;
}

/** Every migration runs under one advisory lock, so instances starting together don't race. */
const MIGRATION_LOCK = ADVISORY_LOCKS.migrations;
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // The same connection runs the migrations: PGlite has exactly one.
    const executor = new MigrationExecutor(ds, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
