import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Clock } from '../command/clock';
import { ADVISORY_LOCKS } from '../db/advisory-locks';

export type Job = (now: Date) => Promise<void>;

const LEADER_LOCK = ADVISORY_LOCKS.schedulerLeader;

/**
 * Runs the deadline jobs (SLA, report-for-duty, rectification, overdue escalation). Deadlines are
 * columns, so nothing is lost across restarts; with several instances only the holder of a Postgres
 * advisory lock runs jobs, so nothing is doubled. The lock lives on a dedicated connection: if the
 * leader dies its connection drops and another instance takes over at its next tick.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(Scheduler.name);
  private readonly jobs = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;
  private leaderConnection: QueryRunner | undefined;
  private leading = false;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(name: string, job: Job): void {
    this.jobs.set(name, job);
  }

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return; // tests call tick() with a controlled clock
    this.timer = setInterval(() => void this.tick(), this.config.schedulerIntervalMs);
    this.timer.unref();
  }

  /** Finishes the running pass and hands the lock back at once, so another instance takes over without waiting. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.running;
    const conn = this.leaderConnection;
    this.leaderConnection = undefined;
    if (!conn) return;
    if (this.leading) await conn.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK]).catch(() => undefined);
    this.leading = false;
    await conn.release().catch(() => undefined);
  }

  /** One pass over every job, if this instance leads. Each job writes through Commands, as any user. */
  async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = (async () => {
      if (!(await this.lead())) return;
      const now = this.clock.now();
      for (const [name, job] of this.jobs) {
        try {
          await job(now);
        } catch (e) {
          this.log.error({ err: e }, `job ${name} failed`);
        }
      }
    })().finally(() => (this.running = undefined));
    await this.running;
  }

  private async lead(): Promise<boolean> {
    // Embedded PGlite serves exactly one process and has one connection: that process leads.
    if (!this.config.databaseUrl) return true;
    if (!this.leaderConnection) {
      this.leaderConnection = this.ds.createQueryRunner();
      await this.leaderConnection.connect();
    }
    try {
      if (this.leading) {
        await this.leaderConnection.query('SELECT 1'); // still connected, so still holding the lock
        return true;
      }
      const [row] = (await this.leaderConnection.query('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK])) as {
        ok: boolean;
      }[];
      this.leading = row?.ok === true;
      if (this.leading) this.log.log('this instance now runs the scheduler');
      return this.leading;
    } catch (e) {
      this.log.warn(
        `leader check failed${this.leading ? '; this instance no longer runs the scheduler' : ''}: ${String(e)}`,
      );
      await this.leaderConnection.release().catch(() => undefined);
      this.leaderConnection = undefined;
      this.leading = false;
      return false;
    }
  }
}
