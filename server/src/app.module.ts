import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BoardModule } from './board/board.module';
import { CommandModule } from './command/command.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { clientCacheHeaders } from './common/client-cache';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './db/database.module';
import { FloodModule } from './flood/flood.module';
import { GeoModule } from './geo/geo.module';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { InspectionsModule } from './inspections/inspections.module';
import { EventLogModule } from './realtime/event-log.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { WhistlesModule } from './whistles/whistles.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const serveClient = existsSync(config.clientDist)
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.clientDist,
            exclude: ['/api/{*path}', '/socket.io/{*path}'],
            serveStaticOptions: { setHeaders: clientCacheHeaders },
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule,
        EventLogModule,
        AuditModule,
        CommandModule,
        AuthModule,
        SchedulerModule,
        RealtimeModule,
        GeoModule,
        IncidentsModule,
        WhistlesModule,
        FloodModule,
        InspectionsModule,
        BoardModule,
        ...serveClient,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
