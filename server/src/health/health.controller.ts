import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { Public } from '../auth/policy.decorators';
import { Db } from '../db/db';
import { EventRelay } from '../realtime/event-relay';
import { REDIS } from '../realtime/redis';

type Check = { status: 'up' | 'down'; detail?: string };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly relay: EventRelay,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /** 200 when the database (and Redis, when configured) answer; 503 otherwise. */
  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const database = await probe(async () => {
      await this.db.manager.query('SELECT 1');
    });
    const checks: Record<string, Check> = {
      database: { ...database, detail: this.db.dataSource.options.extra?.connection ? 'pglite' : 'postgresql' },
    };
    if (this.redis) checks.redis = await probe(async () => void (await this.redis!.ping()));
    const up = Object.values(checks).every((c) => c.status === 'up');
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', checks, eventSeq: this.relay.position });
  }
}

async function probe(fn: () => Promise<void>): Promise<Check> {
  try {
    await fn();
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', detail: e instanceof Error ? e.message : String(e) };
  }
}
