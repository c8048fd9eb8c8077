import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, ROOT, type RunningServer, startBuiltServer } from '../support/browser';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');
/** "Within a second" (issue 7): from the commit's answer to the other screen showing it. */
const LIVE_MS = 1_000;

/**
 * 防汛转移 in three browsers on the demo street: the duty officer draws an area on the console's map and
 * raises an orange warning; two cadres' phone pages (grid01 with three register households in G01,
 * worker01 with two) receive their tasks at once; as the cadres shelter households and one records a refusal, the console's
 * progress, shelter occupancy and refusal escalation follow live; a shelter checks the third
 * household in by typing its transfer-card code.
 */
describe('flood transfer', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let officer: Page;
  let cadre: Page;
  let cadre2: Page;
  let token: string;
  const errors: string[] = [];

  async function api(path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await res.json();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  async function pageAs(username: string, viewport: { width: number; height: number }, mobile = false) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport, isMobile: mobile, hasTouch: mobile });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await login(page, server.url, username);
    return page;
  }

  /** The console's figures, as the page renders them from `flood.progress`. */
  const progress = (attr: 'data-people' | 'data-sheltered' | 'data-refused' | 'data-accounted') =>
    officer.locator('[data-testid=flood-progress]').getAttribute(attr).then(Number);

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
    ({ accessToken: token } = await api('/api/auth/login', { username: 'duty1', password: 'Demo@2026' }));
    officer = await pageAs('duty1', { width: 1600, height: 1000 });
    cadre = await pageAs('grid01', { width: 412, height: 900 }, true);
    cadre2 = await pageAs('worker01', { width: 412, height: 900 }, true);
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the cadre no task before any warning', async () => {
    for (const phone of [cadre, cadre2]) {
      await phone.goto(`${server.url}/m/flood`);
      await phone.getByText('当前没有预警').waitFor();
      expect(await phone.locator('[data-testid=phone-task]').count()).toBe(0);
    }
  });

  it('raises an orange warning for an area drawn on the map; both cadres’ phones show their tasks within a second', async () => {
    await officer.goto(`${server.url}/flood`);
    await officer.waitForSelector('[data-testid=flood-map]:not([data-drawn-shelters="0"])', { timeout: 30_000 });
    await officer.waitForSelector('.leaflet-interactive, canvas', { state: 'attached' });
    await officer.locator('[data-testid=issue-open]').click();
    await officer.locator('[data-testid=issue-level-orange]').click();
    await officer.locator('[data-testid=issue-scope-area]').click();
    await officer.locator('[data-testid=issue-draw]').click();

    // A rectangle inside the map frame (clear of the zoom and scale controls): the whole demo street,
    // fitted on the map with a wider margin, is inside it.
    const box = (await officer.locator('[data-testid=flood-map]').boundingBox())!;
    const inset = 60;
    const corners = [
      [box.x + inset, box.y + inset],
      [box.x + box.width - inset, box.y + inset],
      [box.x + box.width - inset, box.y + box.height - inset],
      [box.x + inset, box.y + box.height - inset],
    ] as const;
    for (const [x, y] of corners) await officer.mouse.click(x, y);
    await officer.mouse.click(corners[0][0], corners[0][1]); // the first corner again closes the polygon
    await officer.getByText('已绘制 1 个区域').waitFor();

    const issued = officer.waitForResponse(
      (r) => r.url().endsWith('/api/flood/warnings') && r.request().method() === 'POST',
    );
    await officer.locator('[data-testid=issue-submit]').click();
    const answer = await issued;
    expect(answer.status()).toBe(201);
    const { warning } = (await answer.json()) as { warning: { id: string; level: string; scope: { kind: string } } };
    expect(warning).toMatchObject({ level: 'orange', scope: { kind: 'area' } });

    // The cadres' pages were open before the warning: the tasks arrive by the live stream, each
    // cadre getting exactly the households they are responsible for.
    await cadre.locator('[data-testid=phone-task]').nth(2).waitFor({ timeout: LIVE_MS });
    await cadre2.locator('[data-testid=phone-task]').nth(1).waitFor({ timeout: LIVE_MS });
    expect(await cadre.locator('[data-testid=phone-task]').count()).toBe(3);
    expect(await cadre2.locator('[data-testid=phone-task]').count()).toBe(2);
    await cadre.getByText('暴雨橙色预警').first().waitFor();

    await officer.locator('[data-testid=warning-panel][data-level=orange]').waitFor();
    await officer.locator('[data-testid=flood-progress]').waitFor();
    expect(await progress('data-people')).toBe(17); // the demo register: 12 households, 17 people
    expect(await progress('data-sheltered')).toBe(0);
    expect(await officer.locator('[data-testid=at-home] tbody tr').count()).toBe(12);
  });

  it('a household sheltered on the phone shows on the console’s progress and shelter occupancy within a second', async () => {
    const card = cadre.locator('[data-testid=phone-task]').first();
    const taskId = (await card.getAttribute('data-task-id'))!;
    const task = await api(`/api/flood/tasks/${taskId}`);
    const row = officer.locator(`[data-testid=shelter-${task.designatedShelterId}]`);
    const occupancyBefore = Number(await row.getAttribute('data-occupancy'));

    await card.locator('[data-testid=task-action-shelter]').click();
    await cadre.locator('[data-testid=step-dialog]').waitFor();
    const stepped = cadre.waitForResponse((r) => r.url().includes(`/api/flood/tasks/${taskId}/actions/shelter`));
    await cadre.locator('[data-testid=step-submit]:visible').click();
    expect((await stepped).status()).toBe(200);

    await officer.waitForSelector(`[data-testid=flood-progress][data-sheltered="${task.personCount}"]`, {
      timeout: LIVE_MS,
    });
    await officer.waitForSelector(
      `[data-testid=shelter-${task.designatedShelterId}][data-occupancy="${occupancyBefore + task.personCount}"]`,
      { timeout: LIVE_MS },
    );
    expect(await officer.locator('[data-testid=at-home] tbody tr').count()).toBe(11);
    await cadre.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=sheltered]`);

    // The second cadre shelters one of theirs: the progress bar adds both up.
    const card2 = cadre2.locator('[data-testid=phone-task]').first();
    const task2 = await api(`/api/flood/tasks/${(await card2.getAttribute('data-task-id'))!}`);
    await card2.locator('[data-testid=task-action-shelter]').click();
    await cadre2.locator('[data-testid=step-dialog]').waitFor();
    await cadre2.locator('[data-testid=step-submit]:visible').click();
    await officer.waitForSelector(
      `[data-testid=flood-progress][data-sheltered="${task.personCount + task2.personCount}"]`,
      { timeout: LIVE_MS },
    );
    expect(await officer.locator('[data-testid=at-home] tbody tr').count()).toBe(10);
  });

  it('a refusal on the phone is escalated on the console within a second', async () => {
    const card = cadre.locator('[data-testid=phone-task][data-state=pending]').first();
    const taskId = (await card.getAttribute('data-task-id'))!;
    await card.locator('[data-testid=task-action-refuse]').click();
    await cadre.locator('textarea[data-testid=step-reason]').fill('老人不愿离家，家属在路上');
    const stepped = cadre.waitForResponse((r) => r.url().includes(`/api/flood/tasks/${taskId}/actions/refuse`));
    await cadre.locator('[data-testid=step-submit]:visible').click();
    expect((await stepped).status()).toBe(200);

    await officer
      .locator('[data-testid=refusal]')
      .filter({ hasText: '老人不愿离家，家属在路上' })
      .waitFor({ timeout: LIVE_MS });
    expect(await progress('data-refused')).toBe(1);
    await officer.getByText('拒绝转移，已上报带班领导（1 户）').waitFor();
  });

  it('a shelter checks the third household in by its typed card code', async () => {
    const card = cadre.locator('[data-testid=phone-task][data-state=pending]').first();
    const taskId = (await card.getAttribute('data-task-id'))!;
    const task = await api(`/api/flood/tasks/${taskId}`);
    const household = await api(`/api/flood/households/${task.floodHouseholdId}`);
    const shelters = await api('/api/geo/shelters?limit=100');
    const shelter = shelters.items.find((s: { id: string }) => s.id === task.designatedShelterId);
    const shelteredBefore = await progress('data-sheltered');

    await cadre.locator('[data-testid=to-checkin]').click();
    await cadre.locator('[data-testid=checkin-shelter]').click();
    await cadre.getByRole('option', { name: shelter.name }).click();
    // Typed as people do: lower case, without dashes.
    await cadre.locator('input[data-testid=checkin-code]').fill(household.cardCode.toLowerCase().replaceAll('-', ''));
    await cadre
      .locator('[data-testid=checkin-people] input, input[data-testid=checkin-people]')
      .fill(String(task.personCount));
    await cadre.locator('[data-testid=checkin-submit]').click();
    await cadre.locator('[data-testid=checkin-done]').filter({ hasText: shelter.name }).waitFor();

    await officer.waitForSelector(
      `[data-testid=flood-progress][data-sheltered="${shelteredBefore + task.personCount}"]`,
      { timeout: LIVE_MS },
    );
    // An unknown code is refused with the reason, nothing changes.
    await cadre.locator('input[data-testid=checkin-code]').fill('FX-0000-0000');
    await cadre.locator('[data-testid=checkin-submit]').click();
    await cadre.locator('[data-testid=checkin-error]').waitFor();
    expect(await progress('data-sheltered')).toBe(shelteredBefore + task.personCount);

    await cadre.goto(`${server.url}/m/flood`);
    await cadre.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=sheltered]`);
  });

  it('takes the screenshots of the console and the phone page', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await officer.waitForTimeout(400); // let the canvas settle
    await officer.screenshot({ path: join(SCREENSHOTS, 'flood-console.png') });
    await cadre.screenshot({ path: join(SCREENSHOTS, 'flood-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
  it('two people at once: the phone shows the conflict and reapplies the step on the current state', async () => {
    const refused = cadre.locator('[data-testid=phone-task][data-state=refused]').first();
    const taskId = (await refused.getAttribute('data-task-id'))!;
    const card = cadre.locator(`[data-testid=phone-task][data-task-id="${taskId}"]`);
    const before = await api(`/api/flood/tasks/${taskId}`);
    // The duty officer moves the family while the cadre's "sheltered" is on its way.
    const path = `**/api/flood/tasks/${taskId}/actions/shelter`;
    await cadre.route(
      path,
      async (route) => {
        await api(`/api/flood/tasks/${taskId}/actions/move`, { version: before.version });
        await route.continue();
      },
      { times: 1 },
    );
    await card.locator('[data-testid=task-action-shelter]').click();
    const lost = cadre.waitForResponse((r) => r.url().includes(`/api/flood/tasks/${taskId}/actions/shelter`));
    await cadre.locator('[data-testid=step-submit]:visible').click();
    expect((await lost).status()).toBe(409);
    await card.locator('[data-testid=task-conflict]').filter({ hasText: '转移中' }).waitFor();

    const applied = cadre.waitForResponse((r) => r.url().includes(`/api/flood/tasks/${taskId}/actions/shelter`));
    await card.locator('[data-testid=task-reapply]').click();
    expect((await applied).status()).toBe(200);
    await cadre.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=sheltered]`);
    expect(await card.locator('[data-testid=task-conflict]').count()).toBe(0);
    // The escalation is over on the console too.
    await officer.waitForSelector('[data-testid=flood-progress][data-refused="0"]', { timeout: LIVE_MS });
    expect(await officer.locator('[data-testid=refusal]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
  it('no network in the lane: steps wait on the phone, go out in order once online, and a lost answer is not a second step', async () => {
    const taskId = (await cadre2
      .locator('[data-testid=phone-task][data-state=pending]')
      .first()
      .getAttribute('data-task-id'))!;
    const card = cadre2.locator(`[data-testid=phone-task][data-task-id="${taskId}"]`);
    const task = await api(`/api/flood/tasks/${taskId}`);
    const shelteredBefore = await progress('data-sheltered');
    const occupancy = officer.locator(`[data-testid=shelter-${task.designatedShelterId}]`);
    const occupancyBefore = Number(await occupancy.getAttribute('data-occupancy'));

    await cadre2.context().setOffline(true);
    await card.locator('[data-testid=task-action-notify]').click();
    await card.locator('[data-testid=task-queued]').waitFor();
    // The card goes on from the queued step: 转移中 is offered though the server still has 待通知.
    await card.locator('[data-testid=task-action-move]').click();
    await cadre2.locator('[data-testid=flood-outbox]').filter({ hasText: '2 个转移步骤等待发送' }).waitFor();
    expect(await card.locator('[data-testid=task-queued]').allTextContents()).toEqual([
      '待发送：已通知',
      '待发送：开始转移',
    ]);
    expect((await api(`/api/flood/tasks/${taskId}`)).state).toBe('pending');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await cadre2.screenshot({ path: join(SCREENSHOTS, 'flood-phone-offline.png'), fullPage: true });
    // The top bar says 离线 (the browser knows) while the socket retries, not 重连中.
    const changed = await cadre2
      .waitForSelector('[data-testid=connection-indicator]:not([data-status=offline])', { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    expect(changed).toBe(false);
    // Logging out now would leave them on the phone until this cadre's next login: the phone says so first.
    await cadre2.locator('[data-testid=logout]').click();
    const unsent = cadre2.locator('.el-message-box').filter({ hasText: '本机还有 2 项未发送' });
    await unsent.getByRole('button', { name: '取消' }).click();
    await unsent.waitFor({ state: 'hidden' });
    expect(new URL(cadre2.url()).pathname).toBe('/m/flood');

    await cadre2.context().setOffline(false);
    await cadre2.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=moving]`);
    await cadre2.locator('[data-testid=flood-outbox]').waitFor({ state: 'detached' });

    // 已安置 reaches the server, but its answer is lost on the way back: the phone keeps it and resends it.
    await cadre2.route(
      `**/api/flood/tasks/${taskId}/actions/shelter`,
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await card.locator('[data-testid=task-action-shelter]').click();
    await cadre2.locator('[data-testid=step-dialog]').waitFor();
    await cadre2.locator('[data-testid=step-submit]:visible').click();
    await cadre2.locator('[data-testid=flood-outbox]').filter({ hasText: '1 个转移步骤等待发送' }).waitFor();
    const replayed = cadre2.waitForResponse((r) => r.url().includes(`/api/flood/tasks/${taskId}/actions/shelter`));
    await cadre2.locator('[data-testid=flood-outbox] button').click();
    expect([(await replayed).status(), (await replayed).headers()['idempotent-replayed']]).toEqual([200, 'true']);
    await cadre2.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=sheltered]`);
    await cadre2.locator('[data-testid=flood-outbox]').waitFor({ state: 'detached' });

    const timeline = (await api(`/api/flood/tasks/${taskId}`)).timeline.map((x: { action: string }) => x.action);
    expect(timeline).toEqual(['notify', 'move', 'shelter']);
    await officer.waitForSelector(
      `[data-testid=flood-progress][data-sheltered="${shelteredBefore + task.personCount}"]`,
      { timeout: LIVE_MS },
    );
    expect(Number(await occupancy.getAttribute('data-occupancy'))).toBe(occupancyBefore + task.personCount);
    expect(await cadre2.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('flood-step')))).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('the transfer page opens with no network, the households as last read; logging out forgets them', async () => {
    await cadre2.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await cadre2.reload(); // read once through the offline shell, as any later visit does
    const cards = cadre2.locator('[data-testid=phone-task]');
    await cards.nth(1).waitFor();
    const shown = () => cards.evaluateAll((els) => els.map((e) => `${e.dataset.taskId}:${e.dataset.state}`));
    const online = await shown();

    await cadre2.context().setOffline(true);
    await cadre2.reload();
    await cards.nth(1).waitFor();
    expect(await shown()).toEqual(online);
    expect(await cadre2.evaluate(() => fetch('/api/health').then(String, () => 'unreachable'))).toBe('unreachable');
    // The family went to relatives after all: recorded in the lane, sent once the network is back.
    const taskId = online[0]!.split(':')[0]!;
    const card = cadre2.locator(`[data-testid=phone-task][data-task-id="${taskId}"]`);
    await card.locator('[data-testid=task-action-self_arrange]').click();
    await cadre2.locator('[data-testid=step-dialog]').waitFor();
    await cadre2.locator('[data-testid=step-submit]:visible').click();
    await card.locator('[data-testid=task-queued]').waitFor();
    await cadre2.context().setOffline(false);
    await cadre2.waitForSelector(`[data-testid=phone-task][data-task-id="${taskId}"][data-state=self_arranged]`);
    expect((await api(`/api/flood/tasks/${taskId}`)).state).toBe('self_arranged');

    // The next person to use this phone gets none of it.
    expect(await cadre2.evaluate(() => caches.has('phone-data'))).toBe(true);
    await cadre2.locator('[data-testid=logout]').click();
    await cadre2.waitForURL((u) => u.pathname.startsWith('/login'));
    expect(await cadre2.evaluate(() => caches.has('phone-data'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
