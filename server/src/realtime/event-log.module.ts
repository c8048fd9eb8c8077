import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EVENT_BUS, type EventBus, LocalEventBus, RedisEventBus } from './event-bus';
import { EventLogRepository } from './event-log.repository';
import { EventRelay } from './event-relay';
import { RELAY_CONNECTION, RelayConnection } from './relay-connection';
import type { Redis } from 'ioredis';
import { connectRedis, REDIS } from './redis';

const log = new Logger('realtime');

/** The event log and its transport: used by every command (write side) and by the gateway (read side). */
@Global()
@Module({
  providers: [
    EventLogRepository,
    EventRelay,
    {
      provide: RELAY_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RelayConnection | null =>
        config.databaseUrl ? new RelayConnection(config.databaseUrl) : null,
    },
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis | null => (config.redisUrl ? connectRedis(config.redisUrl) : null),
    },
    {
      provide: EVENT_BUS,
      inject: [REDIS, APP_CONFIG],
      useFactory: (redis: Redis | null, config: AppConfig): EventBus =>
        redis
          ? new RedisEventBus(config.redisNamespace, redis.duplicate(), redis.duplicate(), (e) =>
              log.warn(`event bus: ${String(e)}`),
            )
          : new LocalEventBus(),
    },
  ],
  exports: [EventLogRepository, EventRelay, EVENT_BUS, REDIS],
})
export class EventLogModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: EventRelay,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(RELAY_CONNECTION) private readonly relayConnection: RelayConnection | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.redis?.quit().catch(() => undefined);
    await this.relayConnection?.close();
  }
}
