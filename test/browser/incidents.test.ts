import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, login, ROOT, type RunningServer, startBuiltServer } from '../support/browser';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * The daily work of the board across several people at once, each in their own browser: a grid
 * worker reports on the phone page, the duty officer sees it arrive in the queue without reloading,
 * accepts and dispatches it to the fire station, whose staff see it, start work and report for duty
 * on a whistle; a change on a stale version shows the conflict and reapplies on the current state.
 */
describe('incidents and whistles', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let duty: Page;
  let fire: Page;
  let phone: Page;
  /** The incident the worker reports. */
  const reported = { number: '', id: '' };

  async function api(path: string, token: string, body?: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
  async function tokenOf(username: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async function pageAs(username: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await login(page, server.url, username);
    return page;
  }

  /** Picks options of an Element Plus select (the dropdown is teleported to the body). */
  async function choose(page: Page, select: string, ...options: string[]): Promise<void> {
    await page.locator(`[data-testid=${select}]`).click();
    for (const o of options) await page.locator('.el-select-dropdown__item:visible', { hasText: o }).first().click();
    await page.keyboard.press('Escape');
  }

  const online = (page: Page) =>
    page.locator('[data-testid=connection-indicator][data-status=online]').first().waitFor({ timeout: 30_000 });
  const drawerDetail = (page: Page) => page.locator('[data-testid=detail-drawer] [data-testid=incident-detail]');
  const stateOf = (page: Page, state: string) =>
    drawerDetail(page)
      .and(page.locator(`[data-state=${state}]`))
      .waitFor({ timeout: 15_000 });

  /** Opens an incident's action form in the drawer, fills it with `fill`, sends it. */
  async function act(page: Page, action: string, fill: () => Promise<void> = async () => undefined): Promise<void> {
    const detail = drawerDetail(page);
    await detail.locator(`[data-testid=incident-action-${action}]`).click();
    await detail.locator(`[data-testid=action-form-${action}]`).waitFor();
    await fill();
    await detail.locator(`[data-testid=action-form-${action}] [data-testid=action-submit]`).click();
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.el-loading-mask')].every((m) => m.offsetParent === null),
    );
    await page.waitForTimeout(300); // the drawer's slide-in
    await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startBuiltServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(errors).toEqual([]));

  it('a report from the phone page reaches the duty queue live, without a reload', async () => {
    duty = await pageAs('duty1');
    await duty.locator('[data-testid=nav-incidents]').click();
    await duty.locator('[data-testid=incident-queue][data-total]').waitFor();
    await online(duty);
    await duty.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const reportedBefore = Number(
      await duty.locator('[data-testid=incident-counts] [data-state=reported] b').innerText(),
    );

    // The worker stands at a building of their grid: the phone's GPS says so.
    const workerToken = await tokenOf('worker01');
    const me = (await api('/api/auth/me', workerToken)).body;
    const building = (await api(`/api/geo/buildings?gridId=${me.scope.gridIds[0]}&limit=1`, workerToken)).body.items[0];
    phone = await pageAs('worker01', {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: building.lat, longitude: building.lng, accuracy: 8 },
    });
    await phone.goto(`${server.url}/m/report`);
    expect(await phone.locator('[data-testid=user-menu]').count()).toBe(0); // the phone frame, not the desk's
    await choose(phone, 'report-category', '飞线充电');
    await phone.locator('[data-testid=report-severity]').getByText('严重').click();
    await phone.locator('[data-testid=report-title]').fill('3号楼楼道飞线充电');
    await phone.locator('[data-testid=report-description]').fill('一楼楼道有电动车飞线充电，插线板放在纸箱上。');
    await phone.locator('[data-testid=report-gps]').click();
    await phone.locator('[data-testid=report-gps-value]').waitFor();
    const photo = await duty.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 640, height: 480 } });
    await phone
      .locator('[data-testid=report-photos]')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: photo });
    await phone.getByText('已选 1 张照片').waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone-report.png'), fullPage: true });

    // The first answer is lost on the way back (the server kept the report): the phone keeps it in its
    // outbox and says so; sent again, it answers the incident already made, not a second one.
    await phone.route(
      '**/api/incidents',
      async (route) => void (await route.fetch(), await route.abort('connectionreset')),
      {
        times: 1,
      },
    );
    const sent = Date.now();
    await phone.locator('[data-testid=report-submit]').click();
    await phone.locator('[data-testid=phone-queued]').waitFor();
    await phone.locator('[data-testid=report-outbox]', { hasText: '1 件上报等待发送' }).waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone-report-lost-answer.png'), fullPage: true });
    await phone.locator('[data-testid=report-outbox] button').click();
    const done = phone.locator('[data-testid=phone-reported]');
    await done.waitFor();
    await phone.locator('[data-testid=report-outbox]').waitFor({ state: 'detached' });
    const kept = (await api(`/api/incidents?q=${encodeURIComponent('3号楼楼道飞线充电')}`, workerToken)).body;
    expect(kept.items.map((i: { number: string }) => i.number)).toEqual([await done.getAttribute('data-number')]);
    reported.number = (await done.getAttribute('data-number'))!;
    expect(reported.number).toMatch(/^SJ-\d{8}-\d{4}$/);
    await done.getByText(`事件编号：${reported.number}`).waitFor();

    // The duty officer's queue shows it without a reload, new first, with its count.
    const row = duty.locator(`[data-testid=incident-row-${reported.number}]`);
    await row.waitFor({ timeout: 10_000 });
    console.log(`phone report → duty queue: ${Date.now() - sent} ms`);
    expect(await row.getAttribute('data-state')).toBe('reported');
    expect(await duty.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const first = duty.locator('.el-table__body tr').first().locator('[data-testid^=incident-row-]');
    expect(await first.getAttribute('data-testid')).toBe(`incident-row-${reported.number}`);
    await duty
      .locator('[data-testid=incident-counts] [data-state=reported] b', { hasText: String(reportedBefore + 1) })
      .waitFor();
  });

  it('the officer accepts and dispatches it to the fire station, whose staff see it arrive and start work', async () => {
    fire = await pageAs('dept-fire');
    await fire.goto(`${server.url}/incidents`);
    await fire.locator('[data-testid=incident-queue][data-total]').waitFor();
    await online(fire);
    expect(await fire.locator(`[data-testid=incident-row-${reported.number}]`).count()).toBe(0);

    await duty.locator(`[data-testid=incident-row-${reported.number}]`).click();
    const detail = drawerDetail(duty);
    await detail.locator('[data-testid=incident-number]', { hasText: reported.number }).waitFor();
    // A new report: the officer may accept or supervise it, nothing else.
    await detail.locator('[data-testid=incident-actions]').waitFor();
    expect(await detail.locator('[data-testid^=incident-action-]').allInnerTexts()).toEqual(['受理', '督办']);
    await detail.locator('[data-testid=photo-thumb]').waitFor(); // the phone's photo, fetched with the token
    // The reporter is the worker (no contact typed): nothing to reveal.
    reported.id = (await api(`/api/incidents?q=${reported.number}`, await tokenOf('duty1'))).body.items[0].id;

    await act(duty, 'accept');
    await stateOf(duty, 'accepted');
    await act(duty, 'dispatch', () => choose(duty, 'action-departments', '消防救援站'));
    await stateOf(duty, 'dispatched');
    await detail.locator('[data-testid=incident-targets]', { hasText: '消防救援站' }).waitFor();
    await detail
      .locator('[data-testid=incident-timeline] [data-action=dispatch]')
      .getByText('派往：消防救援站')
      .waitFor();

    // The fire station's queue receives it live.
    const fireRow = fire.locator(`[data-testid=incident-row-${reported.number}]`);
    await fireRow.waitFor({ timeout: 10_000 });
    await fireRow.click();
    const fireDetail = drawerDetail(fire);
    await fireDetail.locator('[data-testid=incident-actions]').waitFor();
    expect(await fireDetail.locator('[data-testid^=incident-action-]').allInnerTexts()).toEqual(['退回', '开始处置']);
    // The officer sees who else has the item open.
    await detail.locator('[data-testid=incident-presence]', { hasText: '部门人员 周勇（消防） 正在查看' }).waitFor();
    await act(fire, 'start');
    await stateOf(fire, 'in_progress');
    await stateOf(duty, 'in_progress');
    await shot(duty, 'incident-drawer.png');

    // The worker follows their report on the phone.
    await phone.locator('[data-testid=phone-tab-phone-tasks]').click();
    await phone.locator('[data-testid=phone-tasks-tab]').getByText('我上报的').click();
    await phone.locator(`[data-testid=phone-task-${reported.number}][data-state=in_progress]`).waitFor();
  });

  it('a whistle blown by the officer reaches the fire station with its countdown; they report for duty', async () => {
    const detail = drawerDetail(duty);
    await detail.locator('[data-testid=incident-blow]').click();
    const form = detail.locator('[data-testid=blow-whistle-form]');
    await choose(duty, 'whistle-departments', '消防救援站', '供电所');
    await form.locator('[data-testid=whistle-reason]').fill('飞线充电隐患需消防、供电联合处置');
    await form.locator('[data-testid=whistle-submit]').click();
    await form.waitFor({ state: 'hidden' });
    const dutySummons = detail.locator('[data-testid=incident-whistle] [data-testid=summons-row]');
    await dutySummons.first().waitFor();
    expect(await dutySummons.count()).toBe(2);

    await fire.keyboard.press('Escape');
    await fire.locator('[data-testid=nav-whistles]').click();
    const card = fire.locator(`[data-testid=whistle-card][data-incident=${reported.number}]`);
    await card.waitFor({ timeout: 10_000 });
    const mine = card.locator('[data-testid=summons-row][data-department=消防救援站]');
    // 30 minutes to report for duty, counting down.
    const countdown = mine.locator('[data-testid=countdown]');
    await countdown.waitFor();
    expect(await countdown.getAttribute('data-tone')).toBe('ok');
    expect(await countdown.innerText()).toMatch(/^剩余 (29|30)分\d+秒$/);
    const before = await countdown.innerText();
    await fire.waitForFunction(([el, text]) => (el as HTMLElement).innerText !== text, [
      await countdown.elementHandle(),
      before,
    ] as const);
    // The fire station may act only on its own summons, the power supply's row has no buttons.
    expect(await card.locator('[data-testid=summons-row][data-department=供电所] button').count()).toBe(0);

    await mine.locator('[data-testid=summons-arrive]').click();
    await card.locator('[data-testid=summons-row][data-department=消防救援站][data-state=on_site]').waitFor();
    await mine.getByText(/报到$/).first().waitFor();
    // The officer's drawer shows it live.
    await detail
      .locator(
        '[data-testid=incident-whistle] [data-testid=summons-row][data-department=消防救援站][data-state=on_site]',
      )
      .waitFor({ timeout: 10_000 });

    // On site, the fire station resolves the incident with its result.
    await fire.locator('[data-testid=nav-incidents]').click();
    await fire.locator(`[data-testid=incident-row-${reported.number}]`).click();
    await act(fire, 'resolve', async () => {
      await fire.locator('[data-testid=action-result]').fill('已拆除飞线，劝导住户使用集中充电桩');
      await fire.locator('[data-testid=action-photos]').setInputFiles({
        name: 'result.png',
        mimeType: 'image/png',
        buffer: await fire.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 320, height: 240 } }),
      });
    });
    await stateOf(fire, 'resolved');
    await stateOf(duty, 'resolved');
    await detail.locator('[data-testid=photo-thumbs] [data-kind=result]').waitFor();
  });

  it('an action on a stale version shows the conflict and reapplies on the current state', async () => {
    const detail = drawerDetail(duty);
    await detail.locator('[data-testid=incident-action-supervise]').click();
    const form = detail.locator('[data-testid=action-form-supervise]');
    await form.locator('[data-testid=action-note]').fill('请今日内完成整改');

    // Meanwhile the other officer on duty supervises the same item.
    const duty2 = await tokenOf('duty2');
    const current = (await api(`/api/incidents/${reported.id}`, duty2)).body;
    const theirs = await api(`/api/incidents/${reported.id}/actions/supervise`, duty2, {
      version: current.version,
      note: '带班领导要求加快处置',
    });
    expect(theirs.status).toBe(200);
    await form.locator('[data-testid=incident-changed]').waitFor({ timeout: 10_000 });

    await form.locator('[data-testid=action-submit]').click();
    const conflict = form.locator('[data-testid=incident-conflict]');
    await conflict.getByText('该事件刚被他人更新，您的操作尚未提交').waitFor();
    await conflict.getByText(`第 ${theirs.body.incident.version} 版`).waitFor();
    await conflict.locator('[data-testid=conflict-reapply]').click();
    await form.waitFor({ state: 'hidden' });

    const after = (await api(`/api/incidents/${reported.id}`, duty2)).body;
    const notes = after.timeline
      .filter((s: { action: string }) => s.action === 'supervise')
      .map((s: { note: string }) => s.note);
    expect(notes).toEqual(['带班领导要求加快处置', '请今日内完成整改']); // theirs kept, mine applied after it
    expect(after.supervisionCount).toBe(2);
    await detail.locator('[data-testid=incident-timeline] [data-action=supervise]').nth(1).waitFor();

    // More reports arrive: from the hotline (contact masked), and one already past its deadline (red).
    const duty1 = await tokenOf('duty1');
    const grid = (await api('/api/geo/grids?limit=3', duty1)).body.items as { id: string }[];
    const more = [
      {
        source: 'hotline_12345',
        category: 'noise',
        severity: 'low',
        title: '夜间广场舞噪音扰民',
        reporterName: '王秀英',
        reporterPhone: '13812345678',
      },
      {
        source: 'video_patrol',
        category: 'waterlogging',
        severity: 'critical',
        title: '下穿通道积水约40厘米',
        deadline: new Date(Date.now() - 3_600_000).toISOString(),
      },
      { source: 'resident_report', category: 'facility_damage', severity: 'medium', title: '小区路灯不亮' },
    ];
    const numbers: string[] = [];
    for (const [n, m] of more.entries()) {
      const r = await api('/api/incidents', duty1, { ...m, location: { gridId: grid[n]!.id } });
      expect(r.status).toBe(201);
      numbers.push(r.body.incident.number);
    }
    await duty.keyboard.press('Escape');
    const late = duty.locator(`[data-testid=incident-row-${numbers[1]}]`);
    await late.waitFor();
    expect(await duty.locator('tr.iq__row--overdue').filter({ has: late }).count()).toBe(1);
    await duty.locator('[data-testid=count-overdue] b', { hasText: '1' }).waitFor();
    const hotline = duty.locator('.el-table__row', { has: duty.locator(`[data-testid=incident-row-${numbers[0]}]`) });
    expect(await hotline.innerText()).not.toContain('13812345678');
    await shot(duty, 'incidents-queue.png');
  });

  it('reports made without a network are kept on the phone, photo and all, and sent when it is back', async () => {
    const context = phone.context();
    // The page the worker first opened (first test, since on the tasks tab): the phone frame
    // registered the offline shell, which took the page over after it had read the categories.
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await phone.locator('[data-testid=phone-tab-phone-report]').click();
    await choose(phone, 'report-category', '飞线充电');
    await phone.locator('[data-testid=report-title]').fill('5号楼车棚飞线充电');
    await phone.locator('[data-testid=report-gps]').click();
    await phone.locator('[data-testid=report-gps-value]').waitFor();
    const photo = await duty.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 320, height: 240 } });
    await phone
      .locator('[data-testid=report-photos]')
      .setInputFiles({ name: 'shed.png', mimeType: 'image/png', buffer: photo });
    await context.setOffline(true);
    await phone.locator('[data-testid=report-submit]').click();
    await phone.locator('[data-testid=phone-queued]').waitFor();
    // A second one, from a point outside every grid: the server will refuse it once it arrives.
    await phone.locator('[data-testid=phone-queued] button').click();
    await choose(phone, 'report-category', '飞线充电');
    await phone.locator('[data-testid=report-title]').fill('江对岸的飞线充电');
    await context.setGeolocation({ latitude: 10, longitude: 10 });
    await phone.locator('[data-testid=report-gps]').click();
    await phone.locator('[data-testid=report-gps-value]', { hasText: '10.00000' }).waitFor();
    await phone.locator('[data-testid=report-submit]').click();
    await phone.locator('[data-testid=report-outbox]', { hasText: '2 件上报等待发送' }).waitFor();
    // The page opens again with no network: the app from the service worker's cache, the categories
    // as last read, the two reports from the phone's storage.
    await phone.reload();
    await phone.locator('[data-testid=report-outbox]', { hasText: '2 件上报等待发送' }).waitFor();
    expect(await phone.evaluate(() => fetch('/api/health').then(String, () => 'unreachable'))).toBe('unreachable');
    await phone.locator('[data-testid=report-category]').click();
    await phone.locator('.el-select-dropdown__item:visible', { hasText: '飞线充电' }).first().waitFor();
    await phone.keyboard.press('Escape');
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone-report-offline.png'), fullPage: true });
    // The worker leaves the page while still offline: only the phone's storage holds the reports.
    await phone.close();
    await context.setOffline(false);
    const back = await context.newPage();
    back.on('pageerror', (e) => errors.push(`worker01 (back online): ${e.message}`));
    await back.goto(`${server.url}/m/report`);
    const note = back.locator('.el-message--success', { hasText: '暂存的上报已送达' });
    await note.waitFor();
    const token = await tokenOf('worker01');
    const kept = (await api(`/api/incidents?q=${encodeURIComponent('5号楼车棚飞线充电')}`, token)).body;
    expect(kept.items.map((i: { number: string }) => i.number)).toEqual([
      (await note.innerText()).match(/SJ-\d{8}-\d{4}/)![0],
    ]);
    const detail = (await api(`/api/incidents/${kept.items[0].id}`, token)).body;
    expect(detail.photos.map((p: { kind: string; mime: string; size: number }) => [p.kind, p.mime, p.size])).toEqual([
      ['report', 'image/png', photo.length],
    ]);
    // The refused one stays on the phone with the server's reason until the worker lets it go.
    const refused = back.locator('[data-testid=report-outbox-refused]', { hasText: '上报“江对岸的飞线充电”未被受理' });
    await refused.getByText('位置不在任何网格内').waitFor();
    expect(await back.locator('[data-testid=report-outbox]').count()).toBe(0);
    await back.screenshot({ path: join(SCREENSHOTS, 'phone-report-refused.png'), fullPage: true });
    await refused.getByRole('button', { name: '删除，不再发送' }).click();
    await refused.waitFor({ state: 'detached' });
    // Nothing is left in the phone's storage either.
    const stored = await back.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('gridboard-report-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('reports').objectStore('reports').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(stored).toBe(0);
    expect((await api(`/api/incidents?q=${encodeURIComponent('江对岸')}`, token)).body.items).toEqual([]);
  });
  it('a report page opened with no network and no categories kept says so, and fills in once the network is back', async () => {
    const page = await pageAs('worker01', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/m/tasks`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Nothing read through the offline shell yet: the categories are nowhere on the phone.
    await page.evaluate(() => caches.delete('incident-config'));
    await page.context().setOffline(true);
    await page.reload();
    await page.locator('[data-testid=phone-tab-phone-report]').click();
    const unreachable = page.locator('.el-alert--error', { hasText: '无法连接服务器' });
    await unreachable.waitFor();
    await page.context().setOffline(false);
    await unreachable.waitFor({ state: 'detached' });
    await choose(page, 'report-category', '飞线充电');
  });
});
