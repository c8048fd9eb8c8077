import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '@gridboard/server/app';
import { type AppConfig, loadConfig } from '@gridboard/server/config/config';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Boots the real server in-process on a random port over a fresh database (PostgreSQL or PGlite). */
export async function startApp(env: Record<string, string> = {}, db?: TestDatabase): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATA_DIR: database.dataDir,
    SEED_DEMO: 'false',
    CLIENT_DIST: '/nonexistent',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const app = await createApp(config);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    db: database,
    close: async () => {
      await app.close();
      if (!db) await database.drop();
    },
  };
}
