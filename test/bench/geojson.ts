/**
 * How fast the map's layers load for a district of 20 demo streets (8,000 buildings, 520 grids,
 * 9,000 sites): seeds a fresh PostgreSQL database (or PGlite with TEST_DB=pglite), boots the
 * server and times each layer over HTTP (imports the server by path: no jest module mapper here).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app';
import { AccessTokens } from '../../server/src/auth/tokens';
import { UserEntity } from '../../server/src/auth/user.entity';
import { loadConfig } from '../../server/src/config/config';
import { createDataSource, migrate } from '../../server/src/db/data-source';
import { seedDemo } from '../../server/src/db/seed';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/database';
import { databaseUrl, PG_ADMIN_URL, testDatabaseName, USE_PGLITE } from '../support/env';
import { Client } from 'pg';

const STREETS = Number(process.env.BENCH_STREETS ?? 20);
const RUNS = 7;
const PATHS = [
  '/api/geo/buildings.geojson',
  '/api/geo/grids.geojson',
  '/api/geo/sites.geojson',
  '/api/geo/basemap.geojson',
  '/api/geo/buildings?limit=10000',
  '/api/geo/households?limit=10000',
];

async function main(): Promise<void> {
  let url: string | undefined;
  let dataDir: string;
  if (USE_PGLITE) {
    dataDir = (await createTestDatabase()).dataDir;
  } else {
    // a migrated database of our own (the test template is made by jest's global setup only)
    const name = testDatabaseName('db');
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = databaseUrl(name);
    dataDir = '/tmp';
  }
  const ds = createDataSource({ databaseUrl: url, dataDir });
  await ds.initialize();
  await migrate(ds);
  const seeded = await seedDemo(ds, { streets: STREETS });
  await ds.destroy();
  console.log(`seeded ${STREETS} streets in ${seeded.ms} ms (${url ? 'PostgreSQL' : 'PGlite'})`);

  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    CLIENT_DIST: '/nonexistent',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const app = await createApp(config);
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const m = app.get(DataSource).manager;
  const user = await m.save(UserEntity, {
    username: 'bench',
    displayName: 'bench',
    role: 'admin',
    scope: { kind: 'district' },
    streetId: null,
    phone: null,
    passwordHash: 'x',
    disabled: false,
    tokenGeneration: 1,
  });
  const token = app.get(AccessTokens).sign({ sub: user.id, gen: 1 });
  console.log('| request | rows | bytes | median ms | max ms |\n|---|---|---|---|---|');
  for (const path of PATHS) {
    const times: number[] = [];
    let bytes = 0;
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      times.push(performance.now() - t0);
      const body = JSON.parse(text) as { features?: unknown[]; items?: unknown[] };
      bytes = text.length;
      rows = (body.features ?? body.items ?? []).length;
    }
    times.shift(); // warm-up
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`| ${path} | ${rows} | ${bytes} | ${median.toFixed(0)} | ${times[times.length - 1]!.toFixed(0)} |`);
  }
  await app.close();
  if (url) {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
