import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Commands } from '../command/commands';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Scheduler } from '../scheduler/scheduler';
import { SYSTEM_ACTOR } from './actor';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SessionRepository } from './session.repository';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Hourly: forgets idle login counters and deletes refresh tokens and sessions that can no longer be used. */
@Injectable()
export class AuthHousekeeping implements OnModuleInit {
  private last = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly commands: Commands,
    private readonly throttle: LoginThrottleRepository,
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('auth.prune', (now) => this.prune(now));
  }

  async prune(now: Date): Promise<void> {
    if (now.getTime() - this.last < PRUNE_EVERY_MS) return;
    this.last = now.getTime();
    await this.commands.run(SYSTEM_ACTOR, async () => {
      await this.throttle.prune();
      await this.sessions.prune(this.config.refreshTokenTtlSeconds);
    });
  }
}
