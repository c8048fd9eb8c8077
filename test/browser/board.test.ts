import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, restAs } from '../support/board';
import { ARTIFACTS, launchBrowser, login, ROOT, type RunningServer, startBuiltServer } from '../support/browser';

/**
 * Counts browser notifications the page raises (and closes), by wrapping the browser's constructor,
 * and the reads of `Notification.permission` (each a synchronous round trip to the browser process).
 */
const RECORD_NOTIFICATIONS = () => {
  const w = window as unknown as {
    __notes: { body: string; closed: boolean }[];
    __permissionReads: number;
    Notification: any;
  };
  const Native = w.Notification;
  w.__notes = [];
  w.__permissionReads = 0;
  w.Notification = class extends Native {
    constructor(title: string, opts: NotificationOptions) {
      super(title, opts);
      const note = { body: opts.body ?? '', closed: false };
      w.__notes.push(note);
      const close = this.close.bind(this);
      this.close = () => {
        note.closed = true;
        close();
      };
    }
  };
  Object.defineProperty(w.Notification, 'permission', { get: () => (w.__permissionReads++, 'granted') });
  w.Notification.requestPermission = () => Promise.resolve('granted');
};

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * The live board (issue 6) with real people on it: a duty officer and the leader on their boards, a
 * grid worker reporting from the phone (REST). Reports, dispatches and alarms cross over live.
 */
describe('live board', () => {
  let server: RunningServer;
  let browser: Browser;
  let officerCtx: BrowserContext;
  let officer: Page;
  let leader: Page;
  let duty: Api;
  let worker: { api: Api; user: any };
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
    duty = (await restAs(server.url, 'duty1')).api;
    worker = await restAs(server.url, 'worker01');
    await stageStreet(duty);
    officerCtx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await officerCtx.addInitScript(RECORD_NOTIFICATIONS);
    officer = await officerCtx.newPage();
    const leaderCtx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    leader = await leaderCtx.newPage();
    for (const p of [officer, leader]) p.on('pageerror', (e) => errors.push(e.message));
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openBoard(page: Page, username: string): Promise<void> {
    await login(page, server.url, username);
    await page.waitForSelector('[data-testid=board-map][data-status=ready][data-incidents-status=ready]', {
      timeout: 30_000,
    });
    await page.waitForSelector('[data-testid=connection-indicator][data-status=online]', { timeout: 30_000 });
  }

  it('draws the staged incidents clustered and singly, the whistle countdown, figures, duty and warning banner', async () => {
    await openBoard(officer, 'duty1');
    await openBoard(leader, 'leader');
    const map = officer.locator('[data-testid=board-map]');
    await officer.waitForFunction(
      () => Number(document.querySelector('[data-testid=board-map]')!.getAttribute('data-drawn-incidents')) >= 30,
    );
    await officer.waitForTimeout(600);
    await officer.screenshot({ path: join(ARTIFACTS, 'board.png') });
    expect(Number(await map.getAttribute('data-drawn-incidents'))).toBe(36);
    expect(Number(await map.getAttribute('data-drawn-gridLoad'))).toBeGreaterThan(3);
    expect(await officer.locator('.gb-whistle').count()).toBe(1);
    expect(await officer.locator('.gb-whistle__clock').textContent()).toMatch(/^\d\d:\d\d$/);
    await expect(officer.locator('[data-testid=on-duty]').textContent()).resolves.toContain('李明');
    await expect(officer.locator('[data-testid=warning-banner]').textContent()).resolves.toContain('暴雨');
    await officer.waitForFunction(
      () => document.querySelector('[data-figure=incidentsToday] dd')?.textContent === '36',
    );
    await expect(officer.locator('[data-figure=summonsPending] dd').textContent()).resolves.toBe('1');
    await expect(officer.locator('[data-testid=incident-count]').textContent()).resolves.toContain('36');
  });

  it('explains each layer it shows with a legend, and the running campaign’s progress beside the inspection layers', async () => {
    const legend = officer.locator('[data-testid=legend-incidents]');
    await expect(legend.textContent()).resolves.toMatch(/严重.*已超期/);
    await officer.locator('[data-testid=campaign-progress-item]').first().waitFor();
    await officer.locator('[data-testid=layer-incidents]').click();
    await legend.waitFor({ state: 'detached' });
    await officer.locator('[data-testid=layer-sites]').click();
    await officer.locator('[data-testid=layer-hazards]').click();
    await officer.locator('[data-testid=campaign-progress]').waitFor({ state: 'detached' });
    for (const id of ['incidents', 'sites', 'hazards']) await officer.locator(`[data-testid=layer-${id}]`).click();
    await legend.waitFor();
    await officer.locator('[data-testid=campaign-progress]').waitFor();
  });

  it('filters by category and finds an incident by number', async () => {
    await officer.locator('[data-testid=filter-category]').click();
    await officer.locator('.el-select-dropdown__item', { hasText: '噪音' }).first().click();
    await officer.waitForFunction(() =>
      document.querySelector('[data-testid=incident-count]')!.textContent!.includes('显示 8 /'),
    );
    await officer
      .locator('[data-testid=filter-category] .el-select__clear, [data-testid=filter-category] .el-icon')
      .first()
      .hover();
    await officer.locator('[data-testid=filter-category] .el-select__clear').click();
    await officer.waitForFunction(() =>
      document.querySelector('[data-testid=incident-count]')!.textContent!.includes('显示 36 /'),
    );
    const number: string = (await duty('GET', '/api/board/incidents')).columns.number[0];
    await officer.locator('[data-testid=board-search] input').fill(number);
    await officer.locator('.board-search-popper li', { hasText: number }).first().click();
    await officer.waitForFunction(
      () => document.querySelector('[data-testid=board-map]')!.getAttribute('data-drawn-incidents') !== '36',
    );
    await officer.keyboard.press('Escape');
  });

  it('shows a grid worker’s report, then its dispatch, on the officer’s board live; the alarm sounds until acknowledged', async () => {
    const gridId = worker.user.scope.gridIds[0];
    const grids = await duty('GET', '/api/geo/grids.geojson');
    const grid = grids.features.find((f: any) => f.properties.id === gridId);
    const [lng, lat] = centre(grid.geometry);
    const before = await officer.locator('[data-testid=feed-line]').count();
    const queued = Number(await officer.locator('[data-testid=my-queue]').getAttribute('data-total'));
    const permissionReads = () => officer.evaluate(() => (window as any).__permissionReads as number);
    const readsBefore = await permissionReads();

    const sent = Date.now();
    const created = await worker.api('POST', '/api/incidents', {
      source: 'grid_patrol',
      category: 'gas',
      severity: 'high',
      title: '楼道闻到燃气味',
      description: '住户反映 2 单元楼道有燃气味',
      location: { lat, lng, address: '网格巡查发现' },
    });
    const number: string = created.incident.number;
    await officer.locator('[data-testid=feed-line]', { hasText: number }).waitFor({ timeout: 5_000 });
    const shown = Date.now() - sent;
    console.log(`report → officer's feed: ${shown} ms`);
    expect(await officer.locator('[data-testid=feed-line]').count()).toBe(before + 1);
    await expect(officer.locator('[data-testid=feed-line]').first().textContent()).resolves.toContain('楼道闻到燃气味');
    // A report waits for the duty office to accept it (首接首办): it joins the officer's queue.
    await officer.waitForSelector(`[data-testid=my-queue][data-total="${queued + 1}"]`, { timeout: 5_000 });

    // Urgent: the alarm bar sounds on both boards, and the officer's browser raised a notification.
    for (const p of [officer, leader]) {
      await p.locator('[data-testid=alarm]', { hasText: number }).waitFor({ timeout: 5_000 });
      expect(await p.locator('[data-testid=alarm-bar]').getAttribute('data-sounding')).toBe('true');
    }
    await officer.mouse.click(800, 500); // a user gesture lets the browser start the alarm sound
    await officer.waitForSelector('[data-testid=alarm-bar][data-audio=playing]');
    const notes = await officer.evaluate(() => (window as any).__notes as { body: string; closed: boolean }[]);
    expect(notes.filter((n) => n.body.includes(number))).toEqual([{ body: `${number} 楼道闻到燃气味`, closed: false }]);

    // The officer dispatches it: the new state reaches the board live.
    const depts = await duty('GET', '/api/geo/departments');
    const accepted = await duty('POST', `/api/incidents/${created.incident.id}/actions/accept`, {
      version: created.incident.version,
    });
    await duty('POST', `/api/incidents/${created.incident.id}/actions/dispatch`, {
      version: accepted.incident.version,
      targets: { departmentIds: [depts.items.find((d: any) => d.kind === 'gas')?.id ?? depts.items[0].id] },
    });
    await officer
      .locator('[data-testid=feed-line]', { hasText: `${number} 更新为「已派单」` })
      .waitFor({ timeout: 5_000 });
    // Dispatched, it waits for the gas department, no longer for the officer.
    await officer.waitForSelector(`[data-testid=my-queue][data-total="${queued}"]`, { timeout: 5_000 });

    // The leader acknowledges; the officer's alarm stops, its notification closes, and both see who did it.
    await leader.locator('[data-testid=alarm]', { hasText: number }).locator('[data-testid=alarm-ack]').click();
    for (const p of [officer, leader]) {
      await p.locator('[data-testid=alarm-acked]', { hasText: '王建国' }).waitFor({ timeout: 5_000 });
      await p.waitForFunction(
        (n) =>
          !document.querySelector('[data-testid=alarm-bar]')?.textContent?.includes(`${n} 楼道`) ||
          document.querySelector('[data-testid=alarm-bar]')?.getAttribute('data-sounding') === 'false',
        number,
      );
    }
    expect(await officer.locator('[data-testid=alarm]', { hasText: number }).count()).toBe(0);
    const after = await officer.evaluate(() => (window as any).__notes as { body: string; closed: boolean }[]);
    expect(after.find((n) => n.body.includes(number))?.closed).toBe(true);
    // Raised, notified, acknowledged: the board did not ask the browser for its permission again.
    expect(await permissionReads()).toBe(readsBefore);
    const audit = await duty('GET', '/api/alarms');
    expect(audit.items.map((a: any) => a.itemId)).not.toContain(created.incident.id);
    await officer.locator('[data-testid=feed-line]', { hasText: '王建国 确认了告警' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('opens a building’s drawer from the search box', async () => {
    const buildings = await duty('GET', '/api/geo/buildings.geojson');
    const b = buildings.features[10].properties;
    await officer.locator('[data-testid=board-search] input').fill(b.name);
    await officer.locator('.board-search-popper li', { hasText: b.name }).first().click();
    await officer.locator('.detail-drawer [data-testid=building-detail]').waitFor();
    await officer.waitForTimeout(500);
    await officer.screenshot({ path: join(ARTIFACTS, 'board-drawer.png') });
  });

  it('shows the big screen to the display account at 1920×1080, read-only and live', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const screen = await ctx.newPage();
    screen.on('pageerror', (e) => errors.push(e.message));
    await login(screen, server.url, 'screen');
    await screen.goto(`${server.url}/screen`);
    await screen.waitForSelector('[data-testid=screen-map][data-incidents-status=ready]', { timeout: 30_000 });
    expect(await screen.locator('.topbar').count()).toBe(0);
    expect(await screen.locator('[data-testid=screen] canvas').count()).toBeGreaterThanOrEqual(4);
    await screen.waitForFunction(() => document.querySelector('[data-figure=incidentsToday] dd')?.textContent === '37');
    const hotline = async (category: string, severity: string, title: string) =>
      duty('POST', '/api/incidents', {
        source: 'hotline_12345',
        category,
        severity,
        title,
        location: { ...(await anyPoint(duty)), address: '12345 转来' },
      });
    await hotline('noise', 'low', '夜间施工噪音');
    await screen.waitForFunction(() => document.querySelector('[data-figure=incidentsToday] dd')?.textContent === '38');
    // Unacknowledged alarms: a new urgent report's live, and the street's open ones after a reload.
    const figure = (n: number) =>
      screen.waitForFunction((v) => document.querySelector('[data-figure=alarms] dd')?.textContent === String(v), n, {
        timeout: 5_000,
      });
    const open = (await duty('GET', '/api/alarms')).items.length;
    await figure(open);
    await hotline('gas', 'high', '地下室燃气味');
    await figure(open + 1);
    await screen.reload();
    await screen.waitForSelector('[data-testid=screen-map][data-incidents-status=ready]', { timeout: 30_000 });
    await figure(open + 1);
    await screen.waitForTimeout(800);
    await screen.screenshot({ path: join(ARTIFACTS, 'screen.png') });
    expect(errors).toEqual([]);
    for (const name of ['board.png', 'board-drawer.png', 'screen.png'])
      copyFileSync(join(ARTIFACTS, name), join(SCREENSHOTS, name));
  });

  // The board shows a burst's events together a few times a second (not at every event): none is lost.
  it('shows every report of a burst: its feed line, its marker in the count, the queue, the alarm', async () => {
    const BURST = 24;
    const markers = Number(
      /\/ (\d+)/.exec((await officer.locator('[data-testid=incident-count]').textContent()) ?? '')?.[1],
    );
    const queued = Number(await officer.locator('[data-testid=my-queue]').getAttribute('data-total'));
    const at = await anyPoint(duty);
    const numbers: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < BURST) {
          const n = next++;
          const { incident } = await duty('POST', '/api/incidents', {
            source: 'grid_patrol',
            category: 'noise',
            severity: n === BURST - 1 ? 'high' : 'low',
            title: `连续上报 ${n}`,
            location: { ...at, address: '连续上报' },
          });
          numbers.push(incident.number);
        }
      }),
    );
    await officer.waitForFunction(
      (want) => {
        const text = [...document.querySelectorAll('[data-testid=feed-line]')].map((l) => l.textContent).join('\n');
        return want.every((n) => text.includes(n));
      },
      numbers,
      { timeout: 10_000 },
    );
    await officer.waitForSelector(`[data-testid=my-queue][data-total="${queued + BURST}"]`, { timeout: 5_000 });
    await officer.waitForFunction(
      (want) => document.querySelector('[data-testid=incident-count]')?.textContent?.includes(`/ ${want}`),
      markers + BURST,
      { timeout: 5_000 },
    );
    await officer.locator('[data-testid=alarm]', { hasText: '连续上报 23' }).waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
  });
});

function centre(geometry: { type: string; coordinates: any }): [number, number] {
  const ring: [number, number][] = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

async function anyPoint(api: Api): Promise<{ lat: number; lng: number }> {
  const b = (await api('GET', '/api/geo/buildings.geojson')).features[3].properties;
  return { lat: b.lat, lng: b.lng };
}

const SCENE: [string, string, string][] = [
  ['noise', 'low', '广场舞音响扰民'],
  ['environment', 'low', '垃圾清运不及时'],
  ['facility_damage', 'medium', '路灯不亮'],
  ['waterlogging', 'medium', '雨后路面积水'],
  ['flying_wire_charging', 'high', '电动车飞线充电'],
  ['dispute', 'medium', '邻里漏水纠纷'],
  ['illegal_construction', 'medium', '顶楼违建'],
  ['safety_hazard', 'low', '井盖松动'],
  ['noise', 'low', '夜间装修噪音'],
];

/** A street with work on it: 36 incidents over the buildings, some moved on, one whistle, an orange warning. */
async function stageStreet(api: Api): Promise<void> {
  const buildings = (await api('GET', '/api/geo/buildings.geojson')).features.map((f: any) => f.properties);
  const depts = (await api('GET', '/api/geo/departments')).items;
  const ids: { id: string; version: number }[] = [];
  for (let n = 0; n < 36; n++) {
    const b = buildings[(n * 37) % buildings.length];
    const [category, severity, title] = SCENE[n % SCENE.length]!;
    const r = await api('POST', '/api/incidents', {
      source: n % 3 ? 'grid_patrol' : 'hotline_12345',
      category,
      severity: severity === 'high' ? 'medium' : severity,
      title: `${title}（${b.name}）`,
      location: { lat: b.lat, lng: b.lng, address: b.address },
    });
    ids.push(r.incident);
  }
  // Some accepted, some resolved: the markers show their states.
  for (const [k, inc] of ids.entries()) {
    if (k % 4 !== 1) continue;
    const a = await api('POST', `/api/incidents/${inc.id}/actions/accept`, { version: inc.version });
    ids[k] = a.incident;
  }
  await api('POST', '/api/whistles', {
    incidentId: ids[5]!.id,
    reason: '漏水涉及公共管道，需水务到场',
    departments: [{ departmentId: (depts.find((d: any) => d.kind === 'water') ?? depts[0]).id }],
  });
  await api('POST', '/api/flood/warnings', {
    type: 'rainstorm',
    level: 'orange',
    message: '预计未来 6 小时降雨量 50 毫米以上',
    scope: { kind: 'street' },
  });
}
