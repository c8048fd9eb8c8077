import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  type RunningServer,
  settledScreenshot,
  startBuiltServer,
} from '../support/browser';

const HEADERS = ['工单编号', '标题', '诉求内容', '诉求类型', '紧急程度', '网格编号', '受理时间'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The incident configuration screens: the duty office imports the 12345 export through the queue's
 * dialog (rejected rows named, then created, then deduplicated on a second import); an administrator
 * renames a category and enters a public holiday on the 事件配置 page.
 */
describe('incident configuration and the 12345 import', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function tokenOf(username: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }
  async function get(path: string, token: string): Promise<any> {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.json();
  }
  async function pageAs(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await login(page, server.url, username);
    return page;
  }

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(errors).toEqual([]));

  it('a duty officer imports a 12345 export: bad rows named, then created, then deduplicated', async () => {
    const token = await tokenOf('duty1');
    const grid = (await get('/api/geo/grids?limit=1', token)).items[0];
    const run = Date.now().toString(36).toUpperCase();
    const rows = [
      [`12345-${run}-1`, '小区门口积水', '雨后积水严重', '积水', '较重', grid.code, '2026/3/2 14:05'],
      [`12345-${run}-2`, '楼上噪音扰民', '夜间噪音', '噪音', '', grid.code, ''],
    ];

    const duty = await pageAs('duty1');
    await duty.locator('[data-testid=nav-incidents]').click();
    await duty.locator('[data-testid=incident-queue][data-total]').waitFor();
    await duty.locator('[data-testid=hotline-import-open]').click();
    const dialog = duty.locator('[data-testid=import-dialog]');
    await dialog.waitFor();
    // The street has saved no mapping yet: the typical 12345 headers are shown, editable.
    await dialog.locator('[data-testid=hotline-mapping] .el-collapse-item__header').click();
    await expect(dialog.locator('[data-testid=mapping-ticket]').inputValue()).resolves.toBe('工单编号');
    await expect(dialog.locator('[data-testid=mapping-category]').inputValue()).resolves.toBe('诉求类型');

    // One unknown category: nothing is written, the row and column are named.
    const bad = [...rows, [`12345-${run}-3`, '外星人来访', '', '外星人', '', grid.code, '']];
    await dialog
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: '12345-bad.xlsx', mimeType: 'application/octet-stream', buffer: await xlsx(bad) });
    await dialog.locator('[data-testid=import-submit]').click();
    await dialog.locator('[data-testid=import-error]').getByText('共 1 处问题').waitFor();
    const errorRow = dialog.locator('[data-testid=import-errors] .el-table__row').first();
    await expect(errorRow.innerText()).resolves.toMatch(/第 4 行\s+诉求类型\s+未知类别「外星人」/);
    await settledScreenshot(duty, 'hotline-import-rejected.png');

    await dialog
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: '12345.xlsx', mimeType: 'application/octet-stream', buffer: await xlsx(rows) });
    await dialog.locator('[data-testid=import-submit]').click();
    await dialog.locator('[data-testid=import-done]').getByText('新增 2 条，更新 0 条，无变化 0 条').waitFor();
    await settledScreenshot(duty, 'hotline-import-done.png');

    // The same tickets again, one of them changed: updated and deduplicated, nothing new.
    const again = rows.map((r) => [...r]);
    again[0]![2] = '雨后积水严重，已淹没非机动车棚';
    await dialog
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: '12345-again.xlsx', mimeType: 'application/octet-stream', buffer: await xlsx(again) });
    await dialog.locator('[data-testid=import-submit]').click();
    await dialog.locator('[data-testid=import-done]').getByText('新增 0 条，更新 1 条，无变化 1 条').waitFor();
    await dialog.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click();

    // Both tickets are in the queue, once each.
    await duty.locator('[data-testid=queue-q]').fill(`12345-${run}`);
    await duty.locator('[data-testid=incident-queue][data-total="2"]').waitFor();
    await duty.locator('[data-testid=incident-queue]').getByText('小区门口积水').waitFor();
    await duty.locator('[data-testid=incident-queue]').getByText('楼上噪音扰民').waitFor();
    const listed = await get(`/api/incidents?q=12345-${run}&state=reported`, token);
    expect(listed.total).toBe(2);
  }, 120_000);
  it('an administrator renames a category and enters a public holiday on the 事件配置 page', async () => {
    const token = await tokenOf('admin');
    const admin = await pageAs('admin');
    await admin.locator('[data-testid=nav-incident-config]').click();
    const page = admin.locator('[data-testid=incident-config]');
    await page.locator('[data-testid=category-table]').getByText('flying_wire_charging').waitFor();
    await settledScreenshot(admin, 'incident-config-categories.png');

    await page.locator('[data-testid=category-edit-flying_wire_charging]').click();
    const form = admin.locator('[data-testid=category-form]');
    await form.waitFor();
    await form.locator('[data-testid=category-zh]').fill('电动车飞线充电');
    await form.locator('[data-testid=category-en]').fill('E-bike flying-wire charging');
    await admin.locator('[data-testid=category-save]').click();
    await page.locator('[data-testid=category-table]').getByText('电动车飞线充电').waitFor();
    const categories: { code: string; label: Record<string, string> }[] = await get('/api/incidents/categories', token);
    expect(categories.find((c) => c.code === 'flying_wire_charging')?.label).toEqual({
      'zh-CN': '电动车飞线充电',
      'en-US': 'E-bike flying-wire charging',
    });

    await page.getByRole('tab', { name: '处置时限' }).click();
    await page.locator('[data-testid=rule-table]').waitFor();
    await settledScreenshot(admin, 'incident-config-rules.png');

    // A day off the built-in calendar does not know yet (the year after next).
    const year = new Date().getFullYear() + 2;
    const date = `${year}-10-08`;
    await page.getByRole('tab', { name: '工作日历' }).click();
    const calendar = page.locator('[data-testid=calendar-form]');
    await calendar.locator('[data-testid=calendar-date] input').fill(date);
    await calendar.locator('[data-testid=calendar-date] input').press('Enter');
    await calendar.locator('[data-testid=calendar-note]').fill('国庆节调整');
    await calendar.locator('[data-testid=calendar-save]').click();
    await page.locator('[data-testid=calendar-table]').getByText(date).waitFor();
    await settledScreenshot(admin, 'incident-config-calendar.png');
    expect(await get(`/api/working-calendar/overrides?year=${year}`, token)).toEqual([
      { date, workday: false, note: '国庆节调整' },
    ]);

    await page.getByRole('tab', { name: '状态名称' }).click();
    await page.locator('[data-testid=state-table]').waitFor();
    await settledScreenshot(admin, 'incident-config-states.png');
  }, 120_000);
  it("a street's leader renames a state for the street; the district-wide tabs are not offered", async () => {
    const token = await tokenOf('leader');
    // The demo database outlives a run: start from the default name.
    await fetch(`${server.url}/api/incidents/state-labels/dispatched`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const leader = await pageAs('leader');
    await leader.locator('[data-testid=nav-incident-config]').click();
    const page = leader.locator('[data-testid=incident-config]');
    await page.locator('[data-testid=state-table]').waitFor();
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['状态名称']);
    expect(await page.locator('[data-testid=state-custom-dispatched]').count()).toBe(0);
    await page.locator('[data-testid=state-zh-dispatched]').fill('已交办');
    await page.locator('[data-testid=state-en-dispatched]').fill('Assigned');
    await page.locator('[data-testid=state-save-dispatched]').click();
    await leader.locator('.el-message', { hasText: '已保存' }).waitFor();
    await page.locator('[data-testid=state-custom-dispatched]').waitFor();
    expect((await get('/api/incidents/state-labels', token)).dispatched).toEqual({
      'zh-CN': '已交办',
      'en-US': 'Assigned',
    });
  }, 120_000);
});
