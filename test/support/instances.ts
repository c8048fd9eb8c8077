import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REDIS_URL } from './env';

const TEST_DIR = join(__dirname, '..');

/** A free TCP port on 127.0.0.1 (kept for the instance's restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface InstanceOptions {
  name: string;
  databaseUrl: string;
  /** Shared by the instances of one test, unique to it: they see each other and no one else. */
  redisNamespace: string;
  env?: Record<string, string>;
}

/**
 * A real server instance in its own process (test/support/server-entry.ts): started, killed (SIGKILL
 * is a crash, SIGTERM a graceful stop) and restarted on the same port, as an operator would.
 */
export class ServerInstance {
  readonly url: string;
  /** Every stdout line, e.g. `tick <name> <ms>` for each scheduler pass it ran. */
  readonly lines: string[] = [];
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly opts: InstanceOptions,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(opts: InstanceOptions): Promise<ServerInstance> {
    const s = new ServerInstance(opts, await freePort());
    await s.start();
    return s;
  }

  get running(): boolean {
    return this.proc !== undefined;
  }

  async start(): Promise<void> {
    if (this.proc) throw new Error(`${this.opts.name} is already running`);
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'support/server-entry.ts'], {
      cwd: TEST_DIR,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATABASE_URL: this.opts.databaseUrl,
        REDIS_URL,
        REDIS_NAMESPACE: this.opts.redisNamespace,
        INSTANCE_NAME: this.opts.name,
        SEED_DEMO: 'false',
        CLIENT_DIST: '/nonexistent',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.proc === proc) this.proc = undefined;
    });
    const stderr: string[] = [];
    proc.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        this.lines.push(line);
        if (line.startsWith('ready ')) resolve();
      });
      void this.exited.then(() => reject(new Error(`${this.opts.name} exited before ready:\n${stderr.join('')}`)));
    });
    await ready;
  }

  /** SIGKILL: a crash, no shutdown hooks. SIGTERM: graceful shutdown. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    proc.kill(signal);
    await this.exited;
    this.proc = undefined;
  }

  async restart(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  /** Scheduler passes this instance ran since `from` (ms since epoch, board clock). */
  ticksSince(from: number): number[] {
    return this.lines
      .filter((l) => l.startsWith('tick '))
      .map((l) => Number(l.split(' ')[2]))
      .filter((t) => t >= from);
  }
}
