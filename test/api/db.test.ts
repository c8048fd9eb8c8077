import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@gridboard/server/db/data-source';
import { ADVISORY_LOCKS } from '@gridboard/server/db/advisory-locks';
import { Db } from '@gridboard/server/db/db';
import { PipelinedTransaction } from '@gridboard/server/db/pipelined-transaction';
import { pendingSchemaChanges } from '@gridboard/server/db/schema-drift';
import { startApp, type TestApp } from '../support/app';
import { createStreet } from '../support/factories';
import { http } from '../support/http';
import { api, createCast, newIncident } from '../support/incidents';

// Runs on PostgreSQL (pnpm test) and on embedded PGlite (pnpm --filter @gridboard/test test:pglite).
describe('database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('migrates, and the entities match the migrations (no drift)', async () => {
    const ds = t.app.get(DataSource);
    const { up } = await pendingSchemaChanges(ds);
    expect(up).toEqual([]);
    const tables = await ds.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((r: { tablename: string }) => r.tablename)).toEqual(
      expect.arrayContaining(['audit_log', 'event', 'app_user', 'street', 'grid']),
    );
    const sequences = await ds.query("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'");
    expect(sequences.map((r: { sequencename: string }) => r.sequencename)).toContain('event_seq');
  });

  it('reports the database in /api/health', async () => {
    const res = await http(t.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.checks.database.status).toBe('up');
    expect(res.body.checks.database.detail).toBe(t.config.databaseUrl ? 'postgresql' : 'pglite');
  });

  it('never leaves the commit fence held on a pooled connection, also when a snapshot fails', async () => {
    const ds = t.app.get(DataSource);
    const fenceHolders = async () =>
      (
        await ds.query(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted",
          [ADVISORY_LOCKS.commitFence],
        )
      )[0].n as number;
    const snap = await t.app.get(Db).snapshot(async () => 'read');
    expect(snap.result).toBe('read');
    expect(await fenceHolders()).toBe(0);
    // The statement that should give the fence up fails before it can: the transaction gives it up.
    const failing = PipelinedTransaction.run(
      ds,
      'BEGIN ISOLATION LEVEL REPEATABLE READ',
      (tx) => tx.manager.query('SELECT 1/0'),
      ADVISORY_LOCKS.commitFence,
    );
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(await fenceHolders()).toBe(0);
  });

  it('keeps a report whole: its row as the API reads it back, one step, one audit row and one event, also when retried', async () => {
    // The report's row is written by a fixed INSERT (db/rows.ts insertRow), not TypeORM's save: the
    // columns it leaves to their defaults (id, version, times, departments) must come back the same
    // on both databases.
    const s = await createStreet(t, 'DBR');
    const cast = await createCast(t, s, 'dbr');
    const body = newIncident(s, { title: '<b>积水</b> 1', clientId: randomUUID() });
    const res = await api(t, cast.grid_worker).post('/api/incidents', body);
    expect(res.status).toBe(201);
    const { incident } = res.body;
    expect(incident).toMatchObject({ version: 1, title: '<b>积水</b> 1', state: 'reported', photos: [] });
    expect(incident.targets.departmentIds).toEqual([]);
    const { timeline, ...read } = (await api(t, cast.grid_worker).get(`/api/incidents/${incident.id}`)).body;
    expect(read).toEqual(incident);
    // The phone's retry is answered from the row it made (the unique reporter + clientId index).
    const retried = await api(t, cast.grid_worker).post('/api/incidents', body);
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retried.body).toEqual(res.body);
    expect(timeline.map((step: { action: string }) => step.action)).toEqual(['report']);
    const ds = t.app.get(DataSource);
    const [row] = await ds.query('SELECT created_at, updated_at, department_ids FROM incident WHERE id = $1', [
      incident.id,
    ]);
    expect(row.created_at).toBeInstanceOf(Date);
    expect(row.department_ids).toEqual([]);
    const count = async (sql: string) => (await ds.query(sql, [incident.id]))[0].n as number;
    expect(
      await count("SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'incident.report'"),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM event WHERE type = 'incident.created' AND payload->'incident'->>'id' = $1",
      ),
    ).toBe(1);
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    const ds = t.app.get(DataSource);
    await ds.query(
      "INSERT INTO audit_log (actor_name, actor_role, action, object_type, result) VALUES ('t', 'system', 'test', 'x', 'ok')",
    );
    await expect(ds.query("UPDATE audit_log SET action = 'changed'")).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test'");
    expect(n).toBe(1);
  });

  it('runs commands at READ COMMITTED, also where the database default is stricter', async () => {
    const level = (db: Db) =>
      db.transaction(async () => {
        const [row] = (await db.manager.query('SHOW transaction_isolation')) as { transaction_isolation: string }[];
        return row!.transaction_isolation;
      });
    expect(await level(t.app.get(Db))).toBe('read committed');
    const url = t.config.databaseUrl;
    if (!url) return; // PGlite: one embedded connection, no per-database settings to override
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const other = createDataSource(t.config);
    try {
      const [{ db }] = (await admin.query('SELECT current_database() AS db')).rows as { db: string }[];
      await admin.query(`ALTER DATABASE "${db}" SET default_transaction_isolation = 'repeatable read'`);
      const plain = new Client({ connectionString: url });
      await plain.connect();
      const shown = (await plain.query('SHOW default_transaction_isolation')).rows[0].default_transaction_isolation;
      await plain.end();
      expect(shown).toBe('repeatable read');
      await other.initialize();
      expect(await level(new Db(other))).toBe('read committed');
      await admin.query(`ALTER DATABASE "${db}" RESET default_transaction_isolation`);
    } finally {
      if (other.isInitialized) await other.destroy();
      await admin.end();
    }
  });

  it('prepares a named closing statement once per connection, and never one sent with its BEGIN', async () => {
    const url = t.config.databaseUrl;
    if (!url) return; // PGlite: one embedded connection, shared with the app under test
    const ds = createDataSource({ databaseUrl: url, dataDir: '/tmp', databasePoolSize: 1 });
    await ds.initialize();
    try {
      const db = new Db(ds);
      const close = { sql: 'SELECT $1::int + 1 AS n', params: [1], name: 'test_close' };
      const alone = { sql: 'SELECT $1::int + 2 AS n', params: [1], name: 'test_alone' };
      for (let i = 0; i < 3; i++) {
        await db.transaction(async () => {
          await db.manager.query('SELECT 1');
          await db.commitWith(close);
        });
        await db.transaction(() => db.commitWith(alone)); // BEGIN, the statement and COMMIT in one
      }
      const prepared = (await ds.query('SELECT name FROM pg_prepared_statements')) as { name: string }[];
      expect(prepared.map((p) => p.name)).toEqual(['test_close']);
    } finally {
      await ds.destroy();
    }
  });

  it('keeps its pool open when idle: a burst after a quiet spell finds the same, warm backends', async () => {
    const url = t.config.databaseUrl;
    if (!url) return; // PGlite: one embedded connection, no pool
    const ds = createDataSource({ databaseUrl: url, dataDir: '/tmp', databasePoolSize: 3 });
    await ds.initialize();
    try {
      // Three at once, so the pool opens all three connections.
      const pids = async () =>
        (
          await Promise.all(
            [1, 2, 3].map(() =>
              ds.query('SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)').then((r: { pid: number }[]) => r[0]!.pid),
            ),
          )
        ).sort();
      const before = await pids();
      expect(new Set(before).size).toBe(3);
      // Longer than pg-pool's idle timeout (10 s), after which it would otherwise close them.
      await new Promise((r) => setTimeout(r, 11_000));
      expect(await pids()).toEqual(before);
    } finally {
      await ds.destroy();
    }
  }, 30_000);
});
