import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, type RunningServer, startBuiltServer, submitLogin } from '../support/browser';

const SESSION_KEY = 'gridboard.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number;
}

/** Session handling in the browser: silent refresh, expiry back to the login page, logout. */
describe('session', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const stored = async (): Promise<StoredSession | null> =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as StoredSession | null, SESSION_KEY);
  const tamper = (patch: Partial<StoredSession>) =>
    page.evaluate(
      ([key, p]) => localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), ...p })),
      [SESSION_KEY, patch] as const,
    );

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
  }, 180_000);
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renews a rejected access token with the refresh token, without the user noticing', async () => {
    await login(page, server.url, 'duty1');
    const before = (await stored())!;
    expect(before.refreshToken).toBeTruthy();
    await tamper({ accessToken: 'not-a-valid-token' });
    await page.goto(`${server.url}/board`);
    await page.waitForSelector('[data-testid=connection-indicator][data-status=online]', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/board');
    const after = (await stored())!;
    expect(after.accessToken).not.toBe('not-a-valid-token');
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated
  });

  it('sends the user to the login page, saying why, when the session cannot be renewed', async () => {
    await login(page, server.url, 'duty1');
    await tamper({ accessToken: 'not-a-valid-token', refreshToken: 'not-a-valid-refresh-token' });
    await page.goto(`${server.url}/board`);
    await page.waitForURL(/\/login\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('reason')).toBe('expired');
    expect(url.searchParams.get('redirect')).toBe('/board');
    await page.getByText('登录已失效，请重新登录').waitFor();
    expect(await stored()).toBeNull();
    // Logging in again returns to where the user was.
    await submitLogin(page, 'duty1');
    expect(new URL(page.url()).pathname).toBe('/board');
  });

  it('logs out from the top bar: the refresh token is revoked and the login page says so', async () => {
    await login(page, server.url, 'duty1');
    const { refreshToken } = (await stored())!;
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL(/\/login\?reason=logged_out/);
    await page.getByText('您已退出登录').waitFor();
    expect(await stored()).toBeNull();
    const res = await fetch(`${server.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(res.status).toBe(401);
  });

  it('explains a wrong password in the chosen language and keeps the user on the login page', async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid=lang-en-US]').click();
    await page.locator('input[data-testid=login-username]').fill('duty1');
    await page.locator('input[data-testid=login-password]').fill('wrong-password');
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=login-error]').getByText('Wrong username or password').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
