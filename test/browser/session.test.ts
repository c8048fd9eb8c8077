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

  it('makes a user whose password an administrator reset choose a new one before anything else', async () => {
    const api = async (path: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const admin = await api('/api/auth/login', null, { username: 'admin', password: 'Demo@2026' });
    const users = await api('/api/users?limit=100', admin.body.accessToken);
    const duty2 = users.body.items.find((u: { username: string }) => u.username === 'duty2');
    const reset = await api(`/api/users/${duty2.id}/password`, admin.body.accessToken, { password: 'Reset#Pass2026' });
    expect(reset.status).toBe(200);

    await page.goto(`${server.url}/login?redirect=/board`);
    await submitLogin(page, 'duty2', 'Reset#Pass2026');
    expect(new URL(page.url()).pathname).toBe('/password');
    await page.getByText('管理员已重置您的密码').waitFor();
    // The board stays out of reach until the password is changed.
    await page.goto(`${server.url}/board`);
    await page.waitForURL(/\/password/);

    await page.locator('input[data-testid=password-current]').fill('Reset#Pass2026');
    await page.locator('input[data-testid=password-new]').fill('short');
    await page.locator('input[data-testid=password-confirm]').fill('short');
    await page.locator('[data-testid=password-submit]').click();
    await page.getByText('新密码不符合要求').waitFor();

    await page.locator('input[data-testid=password-new]').fill('Mine#Secret2026');
    await page.locator('input[data-testid=password-confirm]').fill('Mine#Secret2026');
    await page.locator('[data-testid=password-submit]').click();
    await page.waitForURL((u) => u.pathname === '/board');
    expect((await api('/api/auth/login', null, { username: 'duty2', password: 'Mine#Secret2026' })).status).toBe(200);
    expect((await api('/api/auth/login', null, { username: 'duty2', password: 'Reset#Pass2026' })).status).toBe(401);
  });
});
