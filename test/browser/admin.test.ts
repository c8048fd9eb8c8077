import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  DEMO_PASSWORD,
  launchBrowser,
  login,
  type RunningServer,
  startBuiltServer,
} from '../support/browser';

const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;

/**
 * The administration pages in the browser, against the server started the README's way: users
 * (create, conflict, disable), the audit search, the registry browser with masked personal data and
 * reveal, and the import dialog. The tests run in order and build on each other's accounts.
 */
describe('administration pages', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let adminToken: string;
  let grid2: { id: string; name: string; code: string };
  /** The grid worker the admin creates, and their page left open for the disable test. */
  const worker = { username: 'gridworker02', initial: 'Grid#Start2026', own: 'Mine#Grid2026', id: '' };
  let workerPage: Page;

  async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        ...((init.token ?? adminToken) ? { authorization: `Bearer ${init.token ?? adminToken}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }

  async function pageAs(username: string, password = DEMO_PASSWORD): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, server.url, username, password);
    return page;
  }

  /** Picks an option of an Element Plus select (its dropdown is teleported to the body). */
  async function choose(page: Page, select: string, option: string | RegExp): Promise<void> {
    await page.locator(`[data-testid=${select}]`).click();
    await page.getByRole('option', { name: option }).click();
  }

  /** Waits for a registry tab's list to load and answers its total. */
  async function registryTotal(page: Page, tab: string): Promise<number> {
    const list = page.locator(`[data-testid=registry-${tab}][data-total]`);
    await list.waitFor();
    await page.locator(`[data-testid=registry-${tab}] .el-loading-mask`).waitFor({ state: 'hidden' });
    return Number(await list.getAttribute('data-total'));
  }

  /** The texts of one column of the visible registry table (by its column key). */
  const column = (page: Page, tab: string, key: string) =>
    page.locator(`[data-testid=registry-${tab}] .el-table__body td.col-${key}`).allInnerTexts();

  /** A screenshot once the lists have loaded, with transitions finished (no half-faded loading masks). */
  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.el-loading-mask')].every((m) => m.offsetParent === null),
    );
    await page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startBuiltServer();
    browser = await launchBrowser();
    adminToken = (await api('/api/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD }, token: '' }))
      .body.accessToken;
    const grids = await api('/api/geo/grids?q=ST01-G02');
    grid2 = grids.body.items.find((g: { code: string }) => g.code === 'ST01-G02');
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('admin creates a grid worker scoped to grid 2; the server’s field errors land on the form', async () => {
    const page = await pageAs('admin');
    await page.locator('[data-testid=nav-users]').click();
    await page.waitForURL(/\/admin\/users/);
    await page.locator('[data-testid=user-row-duty1]').waitFor();
    await shot(page, 'admin-users.png');

    await page.locator('[data-testid=user-create]').click();
    const form = page.locator('[data-testid=user-form]');
    await form.locator('input[data-testid=user-username]').fill('duty1'); // taken
    await form.locator('input[data-testid=user-display-name]').fill('周小网');
    await choose(page, 'user-role', '网格员');
    // A grid worker's scope can only be grids: the form offers no other kind.
    await form.getByText('该角色的范围类型：网格').waitFor();
    expect(await form.locator('[data-testid=user-scope-kind]').count()).toBe(0);
    await choose(page, 'user-grids', grid2.code);
    await form.locator('legend').click(); // closes the multiple choice
    await form.locator('input[data-testid=user-password]').fill(worker.initial);
    await form.locator('[data-testid=user-save]').click();
    // 400 from the server, shown on the username field in Chinese.
    await form.locator('.el-form-item.is-error', { hasText: '用户名已存在' }).waitFor();
    await shot(page, 'admin-user-form.png');

    await form.locator('input[data-testid=user-username]').fill(worker.username);
    await form.locator('[data-testid=user-save]').click();
    await form.waitFor({ state: 'hidden' });
    const row = page.locator('.el-table__row', { has: page.locator(`[data-testid=user-row-${worker.username}]`) });
    await row.getByText(`网格：${grid2.name}`).waitFor();
    await row.getByText('待改密').waitFor();

    const listed = await api(`/api/users?q=${worker.username}`);
    expect(listed.body.items).toHaveLength(1);
    const created = listed.body.items[0];
    expect(created).toMatchObject({ role: 'grid_worker', disabled: false, mustChangePassword: true });
    expect(created.scope).toEqual({ kind: 'grids', streetId: created.streetId, gridIds: [grid2.id] });
    worker.id = created.id;
  });

  it('the new grid worker, after choosing a password, sees only grid 2’s households', async () => {
    const page = await pageAs(worker.username, worker.initial);
    expect(new URL(page.url()).pathname).toBe('/password');
    await page.locator('input[data-testid=password-current]').fill(worker.initial);
    await page.locator('input[data-testid=password-new]').fill(worker.own);
    await page.locator('input[data-testid=password-confirm]').fill(worker.own);
    await page.locator('[data-testid=password-submit]').click();
    await page.waitForURL((u) => u.pathname === '/board');
    // A grid worker has the registry in the menu, not users or audit.
    await page.locator('[data-testid=nav-registry]').waitFor();
    expect(await page.locator('[data-testid=nav-users], [data-testid=nav-audit]').count()).toBe(0);

    await page.goto(`${server.url}/registry?tab=households`);
    const total = await registryTotal(page, 'households');
    const inGrid2 = await api(`/api/geo/households?gridId=${grid2.id}&limit=1`);
    const everywhere = await api('/api/geo/households?limit=1');
    expect(total).toBe(inGrid2.body.total);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(everywhere.body.total);
    const grids = await column(page, 'households', 'grid');
    expect(grids.length).toBe(Math.min(total, 20));
    expect(new Set(grids)).toEqual(new Set([grid2.name]));
    // A grid worker may not reveal personal data.
    expect(await page.locator('[data-testid=registry-households] [data-testid=reveal]').count()).toBe(0);
    workerPage = page;
  });

  it('an edit on a stale version shows the conflict with the current state and reapplies on it', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.locator('input[data-testid=users-q]').fill(worker.username);
    const row = page.locator('.el-table__row', { has: page.locator(`[data-testid=user-row-${worker.username}]`) });
    await row.locator('[data-testid=user-edit]').click();
    const form = page.locator('[data-testid=user-form]');
    await form.locator('input[data-testid=user-phone]').fill('13712345678');

    // Someone else renames the user while the form is open.
    const before = (await api(`/api/users/${worker.id}`)).body;
    const theirs = await api(`/api/users/${worker.id}`, {
      method: 'PATCH',
      body: { version: before.version, displayName: '周网格' },
    });
    expect(theirs.status).toBe(200);

    await form.locator('[data-testid=user-save]').click();
    const conflict = form.locator('[data-testid=user-conflict]');
    await conflict.getByText('该用户刚被他人修改').waitFor();
    await conflict.locator('tr', { hasText: '电话' }).getByText('13712345678').waitFor();
    await conflict.locator('[data-testid=conflict-reapply]').click();
    await form.waitFor({ state: 'hidden' });

    const after = (await api(`/api/users/${worker.id}`)).body;
    expect(after.displayName).toBe('周网格'); // their change kept
    expect(after.version).toBeGreaterThan(theirs.body.version);
    expect((await api(`/api/users/${worker.id}/reveal`, { body: {} })).body.phone).toBe('13712345678'); // mine applied
  });

  it('a reset password that breaks the policy is explained on the field', async () => {
    const page = contexts[0]!.pages()[0]!;
    const row = page.locator('.el-table__row', { has: page.locator(`[data-testid=user-row-${worker.username}]`) });
    await row.locator('[data-testid=user-reset]').click();
    const dialog = page.locator('[data-testid=reset-password]');
    await dialog.locator('input[data-testid=reset-password-new]').fill('short');
    await dialog.locator('[data-testid=reset-password-submit]').click();
    await dialog.locator('.el-form-item.is-error', { hasText: '新密码不符合要求' }).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('disabling the user sends their open page to the login page within seconds', async () => {
    const page = contexts[0]!.pages()[0]!;
    expect(new URL(workerPage.url()).pathname).toBe('/registry');
    const row = page.locator('.el-table__row', { has: page.locator(`[data-testid=user-row-${worker.username}]`) });
    await row.locator('[data-testid=user-toggle]').click();
    await page.locator('.el-message-box').getByText('该用户将立即退出所有设备上的登录').waitFor();
    await page.locator('.el-message-box').getByRole('button', { name: '停用' }).click();
    await row.locator('[data-testid=user-status]', { hasText: '已停用' }).waitFor();
    const disabledAt = Date.now();

    // The server drops the socket; the page cannot renew its session and goes to the login page.
    await workerPage.waitForURL(/\/login\?/, { timeout: 15_000 });
    console.log(`disabled user's page reached the login page after ${Date.now() - disabledAt} ms`);
    expect(new URL(workerPage.url()).searchParams.get('reason')).toBe('expired');
    await workerPage.getByText('登录已失效，请重新登录').waitFor();
    const again = await api('/api/auth/login', {
      body: { username: worker.username, password: worker.own },
      token: '',
    });
    expect(again.status).toBe(401);
  });

  it('duty1 reveals a resident’s phone in the registry; the leader finds that reveal in the audit log', async () => {
    const duty = await pageAs('duty1');
    await duty.goto(`${server.url}/registry?tab=persons`);
    await registryTotal(duty, 'persons');
    const phoneCell = duty
      .locator('[data-testid=registry-persons] .el-table__body td.col-phone')
      .filter({ has: duty.locator('[data-testid=reveal]') })
      .first();
    const masked = (await phoneCell.locator('.masked__text').innerText()).trim();
    expect(masked).toMatch(MASKED_PHONE);
    await phoneCell.locator('[data-testid=reveal]').click();
    await phoneCell.locator('[data-testid=masked-value][data-state=clear]').waitFor();
    const clear = (await phoneCell.locator('.masked__text').innerText()).trim();
    expect(clear).toMatch(/^\d{11}$/);
    expect(clear.slice(0, 3)).toBe(masked.slice(0, 3));
    expect(clear.slice(-4)).toBe(masked.slice(-4));
    // Clicking again masks it at once.
    await phoneCell.locator('[data-testid=reveal]').click();
    await phoneCell.locator('[data-testid=masked-value][data-state=masked]').waitFor();

    const leader = await pageAs('leader');
    expect(await leader.locator('[data-testid=nav-users]').count()).toBe(0);
    await leader.locator('[data-testid=nav-audit]').click();
    await leader.waitForURL(/\/admin\/audit/);
    await leader.locator('input[data-testid=audit-actor]').fill('duty1');
    await leader.locator('input[data-testid=audit-action]').fill('pii.*');
    await leader.locator('[data-testid=audit-search]').click();
    await leader.waitForURL(/actor=duty1/);
    const rows = leader.locator('[data-testid=audit-table] .el-table__body .el-table__row');
    await rows.first().getByText('pii.reveal').waitFor();
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    await row.getByText('person').waitFor();
    const personId = (await row.locator('[data-testid=audit-row-object]').getAttribute('title'))!;
    await shot(leader, 'admin-audit.png');
    await row.locator('[data-testid=audit-open]').click();
    const drawer = leader.locator('[data-testid=audit-drawer]');
    await drawer.getByText(personId).waitFor();
    expect(await drawer.locator('[data-testid=audit-detail]').innerText()).toContain('"phone"');
    await shot(leader, 'admin-audit-detail.png');

    // The audited object is the person whose phone duty1 saw.
    const revealed = await api(`/api/geo/persons/${personId}/reveal`, { body: {} });
    expect(revealed.body.phone).toBe(clear);
  });

  it('a grid leader sees masked phones with a reveal button; the duty-room screen sees no reveal button', async () => {
    const grid01 = await pageAs('grid01');
    await grid01.goto(`${server.url}/registry?tab=households`);
    await registryTotal(grid01, 'households');
    const phones = await column(grid01, 'households', 'phone');
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) expect(p.replace(/查看$/, '').trim()).toMatch(MASKED_PHONE);
    const names = await column(grid01, 'households', 'headName');
    for (const n of names) expect(n).toContain('*');
    expect(await grid01.locator('[data-testid=registry-households] [data-testid=reveal]').count()).toBe(
      phones.length * 2,
    );
    await shot(grid01, 'admin-registry-masked.png');

    const screen = await pageAs('screen');
    await screen.goto(`${server.url}/registry?tab=households`);
    await registryTotal(screen, 'households');
    for (const p of await column(screen, 'households', 'phone')) expect(p.trim()).toMatch(MASKED_PHONE);
    expect(await screen.locator('[data-testid=reveal]').count()).toBe(0);
    expect(await screen.locator('[data-testid=registry-import]').count()).toBe(0);
    expect(await screen.locator('[data-testid=nav-users], [data-testid=nav-audit]').count()).toBe(0);
  });

  it('admin imports a bad households file and sees every bad row and column; a good one is counted', async () => {
    const building = (await api('/api/geo/buildings?limit=1')).body.items[0];
    const before = (await api('/api/geo/households?limit=1')).body.total;
    const page = contexts[0]!.pages()[0]!;
    await page.locator('[data-testid=nav-registry]').click();
    await page.locator('[data-testid=registry-import]').click();
    const dialog = page.locator('[data-testid=import-dialog]');
    await dialog.locator('[data-testid=import-kind-households]').click();
    const csv = (rows: string[]) => Buffer.from(['楼栋,单元,房号,户主,电话', ...rows].join('\n'), 'utf8');
    await dialog.locator('input[data-testid=import-file]').setInputFiles({
      name: 'households-bad.csv',
      mimeType: 'text/csv',
      buffer: csv([
        `${building.name},9,9901,张三,13800001111`,
        '没有这栋楼,9,9902,李四,13800002222',
        `${building.name},9,,王五,abc`,
      ]),
    });
    await dialog.locator('[data-testid=import-submit]').click();
    await dialog.getByText('文件未导入（未写入任何数据），共 3 处问题').waitFor();
    const errors = await dialog.locator('[data-testid=import-errors] .el-table__body tr').allInnerTexts();
    const cells = errors.map((r) => r.split('\t').map((c) => c.trim()));
    expect(cells.map(([where, col]) => `${where}|${col}`)).toEqual(['第 3 行|楼栋', '第 4 行|房号', '第 4 行|电话']);
    await shot(page, 'admin-import-errors.png');
    expect((await api('/api/geo/households?limit=1')).body.total).toBe(before);

    await dialog.locator('input[data-testid=import-file]').setInputFiles({
      name: 'households-good.csv',
      mimeType: 'text/csv',
      buffer: csv([`${building.name},9,9901,张三,13800001111`]),
    });
    await dialog.locator('[data-testid=import-submit]').click();
    await dialog.locator('[data-testid=import-done]').getByText('导入成功：读取 1 行，新增 1 条').waitFor();
    expect((await api('/api/geo/households?limit=1')).body.total).toBe(before + 1);
  });
});
