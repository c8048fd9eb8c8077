import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test/artifacts');
export const DEMO_PASSWORD = 'Demo@2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Builds the workspace the README's way (`pnpm build`), once per run (browser-setup.ts). CI builds just
 * before and may say so with GRIDBOARD_E2E_BUILT=1.
 */
export function buildOnce(): void {
  if (process.env.GRIDBOARD_E2E_BUILT === '1') return;
  execFileSync('pnpm', ['build'], { cwd: ROOT, stdio: 'pipe' });
  process.env.GRIDBOARD_E2E_BUILT = '1';
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `node server/dist/main.js` on a fresh embedded database (PGlite in a temp DATA_DIR): it migrates
 * and seeds the demo street on start, exactly as `pnpm start` does on a fresh machine.
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const main = join(ROOT, 'server/dist/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'client/dist/index.html'))) {
    throw new Error('server/dist or client/dist missing: run `pnpm build`');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gridboard-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() - started > 120_000) throw new Error(`server did not start in 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // A graceful shutdown gets 10 s; the timer is cleared so it does not hold the test worker open.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Logs in through the login page, as a person would. */
export async function login(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await submitLogin(page, username, password);
}

/** Fills in and sends the login form on the current page; resolves once the app has left /login. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('input[data-testid=login-username]').fill(username);
  await page.locator('input[data-testid=login-password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A screenshot in test/artifacts once lists have loaded and with transitions finished (no half-faded masks). */
export async function settledScreenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.el-loading-mask')].every((m) => m.offsetParent === null),
  );
  await page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
}
