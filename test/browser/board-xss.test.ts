import type { Browser, Page } from 'playwright-core';
import { type Api, restAs } from '../support/board';
import { launchBrowser, login, type RunningServer, startBuiltServer } from '../support/browser';

/** Each payload sets window.__xss if the browser ever runs it. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=2">',
  '<script>window.__xss=3</script>',
  '<a href="javascript:window.__xss=4">链接</a>',
];
const p = (n: number) => PAYLOADS[n % PAYLOADS.length]!;

async function noScriptRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // None of the payloads became elements: no injected image, svg, script or javascript: link.
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll(
        'img[onerror], svg[onload], a[href^="javascript:"], script:not([src]):not([type="module"])',
      ).length,
  );
  expect(injected).toBe(0);
}

/**
 * User text never becomes HTML on the board (issue 6): payloads stored in every text field the board
 * shows — incident title, description, address, step note; building name and address; grid name;
 * whistle reason; warning message — are shown as text in tooltips, the drawer, the feed, the alarm
 * bar and the big screen, and none runs.
 */
describe('board safety: stored XSS payloads stay text', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: Api;
  let duty: Api;
  let building: { id: string; name: string; lat: number; lng: number };

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
    admin = (await restAs(server.url, 'admin')).api;
    duty = (await restAs(server.url, 'duty1')).api;
    const grids = (await admin('GET', '/api/geo/grids.geojson')).features.map((f: any) => f.properties);
    for (const [n, g] of grids.slice(0, 4).entries()) {
      await admin('PATCH', `/api/geo/grids/${g.id}`, { version: g.version, name: `网格${p(n)}` });
    }
    const buildings = (await admin('GET', '/api/geo/buildings.geojson')).features.map((f: any) => f.properties);
    for (const [n, b] of buildings.slice(0, 4).entries()) {
      await admin('PATCH', `/api/geo/buildings/${b.id}`, { version: b.version, name: `楼${p(n)}`, address: p(n + 1) });
    }
    building = { ...buildings[0], name: `楼${p(0)}` };
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await login(page, server.url, 'duty1');
    await page.waitForSelector('[data-testid=board-map][data-status=ready][data-incidents-status=ready]', {
      timeout: 30_000,
    });
    await page.waitForSelector('[data-testid=connection-indicator][data-status=online]', { timeout: 30_000 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows payloads in the feed, alarm bar, tooltips and drawer as text, and runs none', async () => {
    // Written while the board is open, so they arrive as live events (feed, alarm bar, markers).
    const created = [];
    for (let n = 0; n < 4; n++) {
      const r = await duty('POST', '/api/incidents', {
        source: 'grid_patrol',
        category: 'other',
        severity: n === 0 ? 'critical' : 'medium',
        title: p(n),
        description: p(n + 1),
        location: { lat: building.lat, lng: building.lng, address: p(n + 2) },
      });
      created.push(r.incident);
    }
    await duty('POST', `/api/incidents/${created[1].id}/actions/accept`, { version: created[1].version, note: p(3) });
    const depts = (await duty('GET', '/api/geo/departments')).items;
    await duty('POST', '/api/whistles', {
      incidentId: created[2].id,
      reason: p(0),
      departments: [{ departmentId: depts[0].id }],
    });
    await duty('POST', '/api/flood/warnings', {
      type: 'rainstorm',
      level: 'red',
      message: p(1),
      scope: { kind: 'street' },
    });

    await page.locator('[data-testid=feed-line]', { hasText: 'window.__xss' }).first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=alarm]', { hasText: 'onerror' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=event-feed]').textContent()).toContain('<img src=x onerror=');
    await noScriptRan(page);

    // Zoom onto the building: markers are drawn singly; hover one for its tooltip, and the whistle's.
    await page.locator('[data-testid=board-search] input').fill(created[0].number);
    await page.locator('.board-search-popper li').first().click();
    await page.waitForTimeout(600);
    await page.locator('.gb-whistle').first().hover();
    await page.locator('.leaflet-tooltip', { hasText: 'window.__xss' }).first().waitFor();
    await noScriptRan(page);

    // The building drawer and grid names (labels) carry payloads too.
    await page.locator('[data-testid=board-search] input').fill('楼<img');
    await page.locator('.board-search-popper li', { hasText: '楼<img' }).first().click();
    await page.locator('.detail-drawer [data-testid=building-detail]').waitFor();
    expect(await page.locator('.detail-drawer').textContent()).toContain('onerror');
    expect(await page.locator('.leaflet-tooltip.gb-label', { hasText: '<svg' }).count()).toBeGreaterThan(0);
    await noScriptRan(page);

    // Reload: the same text from the snapshots (not the live events) stays text as well.
    await page.reload();
    await page.waitForSelector('[data-testid=board-map][data-status=ready][data-incidents-status=ready]', {
      timeout: 30_000,
    });
    await page.locator('[data-testid=alarm]', { hasText: 'onerror' }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await noScriptRan(page);
  });

  it('shows them as text on the big screen too', async () => {
    const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await login(screen, server.url, 'screen');
    await screen.goto(`${server.url}/screen`);
    await screen.waitForSelector('[data-testid=screen-map][data-incidents-status=ready]', { timeout: 30_000 });
    await screen.locator('[data-testid=warning-banner]').waitFor();
    expect(await screen.locator('[data-testid=warning-banner]').textContent()).toContain('暴雨');
    await screen.waitForTimeout(800);
    await noScriptRan(screen);
  });
});
