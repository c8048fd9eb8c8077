import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../server/src/db/data-source'; // global setup runs outside jest's module mapper
import { databaseUrl, PG_ADMIN_URL, testDatabaseName, USE_PGLITE } from './env';

const STALE_SECONDS = 3 * 3600;

/** Migrates a template database once per run; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  if (USE_PGLITE) return;
  const template = testDatabaseName('tpl');
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'gbt\\_%'",
    );
    const now = Date.now() / 1000;
    for (const { datname } of rows) {
      const born = Number(datname.split('_')[1]);
      if (now - born > STALE_SECONDS)
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const ds = createDataSource({ databaseUrl: databaseUrl(template), dataDir: '/tmp' });
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  process.env.GRIDBOARD_TEST_TEMPLATE = template;
}
