import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createAdapter } from '@socket.io/redis-adapter';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { DemoPasswordCheck } from './auth/demo-password.check';
import { seedDemoOnStart } from './db/seed';
import type { AppConfig } from './config/config';
import { REDIS } from './realtime/redis';

/** With Redis, socket.io instances broadcast to each other's clients (rooms, presence, disconnects). */
class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplication,
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const server = super.createIOServer(port, options) as { adapter: (a: unknown) => void };
    const [pub, sub] = [this.redis.duplicate(), this.redis.duplicate()];
    this.clients.push(pub, sub);
    server.adapter(createAdapter(pub, sub, { key: `${this.namespace}:socket.io` }));
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    await Promise.allSettled(this.clients.splice(0).map((c) => c.quit()));
  }
}

/** Builds and starts the server; used by main.ts and by the tests (which pass their own config). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  const redis = app.get<Redis | null>(REDIS);
  app.useWebSocketAdapter(redis ? new RedisIoAdapter(app, redis, config.redisNamespace) : new IoAdapter(app));

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gridboard 网格值守台 API')
      .setDescription(
        'REST API of the street operations board. Realtime: socket.io at /socket.io (see packages/shared/src/socket.ts).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(doc));

  try {
    await app.init();
    // `pnpm start` on a fresh machine shows the demo street; seeded before the demo-password check.
    if (config.seedDemo) {
      const seeded = await seedDemoOnStart(app.get(DataSource));
      if (seeded) app.get(Logger).log(`demo street seeded: ${seeded.streets[0]?.name} (${seeded.ms} ms)`, 'seed');
    }
    await app.get(DemoPasswordCheck).verify();
    await app.listen(config.port, config.host);
  } catch (e) {
    // A refused start (e.g. demo passwords in production) must not leave pools and timers behind.
    await app.close().catch(() => undefined);
    throw e;
  }
  return app;
}
