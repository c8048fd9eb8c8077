import type { EntityManager } from 'typeorm';

/** Runs SQL with TypeORM-style `:named` parameters (as `scopeCondition` produces) on a raw query. */
export async function query<T>(m: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = m.connection.driver.escapeQueryWithParameters(sql, params);
  return (await m.query(text, values)) as T[];
}
