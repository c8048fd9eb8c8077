/** Where the tests find their services; CI and the README use these defaults. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `TEST_DB=pglite` runs the database tests on embedded PGlite instead of PostgreSQL. */
export const USE_PGLITE = process.env.TEST_DB === 'pglite';

/**
 * Test databases are named gbt_<unix seconds>_<random>, so concurrent runs never share one and a
 * crashed run's leftovers can be recognised by age. The template is per run (set by global setup).
 */
export function testDatabaseName(kind: 'tpl' | 'db'): string {
  return `gbt_${Math.floor(Date.now() / 1000)}_${kind}_${Math.random().toString(16).slice(2, 10)}`;
}

export function templateDatabase(): string {
  const name = process.env.GRIDBOARD_TEST_TEMPLATE;
  if (!name) throw new Error('GRIDBOARD_TEST_TEMPLATE is set by test/support/global-setup.ts');
  return name;
}

export function databaseUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
