import { Client } from 'pg';
import { PG_ADMIN_URL, USE_PGLITE } from './env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.GRIDBOARD_TEST_TEMPLATE;
  if (USE_PGLITE || !template) return;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).finally(() => admin.end());
}
