import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, templateDatabase, testDatabaseName, USE_PGLITE } from './env';

export interface TestDatabase {
  /** Set for PostgreSQL; undefined means embedded PGlite in dataDir. */
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template, or a new PGlite directory. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridboard-test-'));
  if (USE_PGLITE) {
    return { url: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = testDatabaseName('db');
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    dataDir,
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
