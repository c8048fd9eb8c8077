import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, type RunningServer, startBuiltServer, submitLogin } from '../support/browser';

/**
 * The board as a duty officer sees it: started the README's way on the demo street, logged in
 * through the login page, the offline vector map drawn from the street's own layers.
 */
describe('map board', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a visitor to the login page and back to the board after login', async () => {
    await page.goto(`${server.url}/board`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/board');
    await expectText(page, 'h1', '网格值守台');
    await submitLogin(page, 'duty1');
    expect(new URL(page.url()).pathname).toBe('/board');
  });

  it('draws all 26 demo grids, the buildings and the basemap with no tile server, and shows the connection online', async () => {
    const map = page.locator('[data-testid=board-map]');
    await page.waitForSelector('[data-testid=board-map][data-status=ready]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=connection-indicator][data-status=online]', { timeout: 30_000 });
    expect(await map.getAttribute('data-drawn-grids')).toBe('26');
    expect(Number(await map.getAttribute('data-drawn-buildings'))).toBeGreaterThan(300);
    expect(Number(await map.getAttribute('data-drawn-basemap'))).toBeGreaterThan(0);
    // One name label per grid polygon, placed by Leaflet on the drawn polygon.
    expect(await page.locator('.leaflet-tooltip.gb-label').count()).toBe(26);
    // No raster tiles anywhere: the map works offline.
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    await expectText(page, '[data-testid=map-counts]', '26 个网格');
    await expectText(page, '[data-testid=user-menu]', '值班员');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.waitForTimeout(500); // let the canvas settle after the fit
    await page.screenshot({ path: join(ARTIFACTS, 'map.png') });
  });

  it('opens the detail drawer for a grid picked on the map', async () => {
    // Zoom in, then click the grid named nearest the middle of the screen (labels let clicks through).
    await page.locator('.leaflet-control-zoom-in').click();
    await page.waitForTimeout(400);
    const viewport = page.viewportSize()!;
    const labels = await page.locator('.leaflet-tooltip.gb-label:visible').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { name: el.textContent!.trim(), x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    const dist = (l: { x: number; y: number }) => Math.hypot(l.x - viewport.width / 2, l.y - viewport.height / 2);
    const target = labels.sort((a, b) => dist(a) - dist(b))[0]!;
    await page.mouse.click(target.x, target.y);
    const name = target.name;
    const drawer = page.locator('.detail-drawer');
    await drawer.waitFor();
    const detail = drawer.locator('[data-testid=grid-detail], [data-testid=building-detail]');
    await detail.waitFor();
    if ((await detail.getAttribute('data-testid')) === 'grid-detail')
      await expectText(drawer, '.el-descriptions', name);
    await page.screenshot({ path: join(ARTIFACTS, 'map-drawer.png') });
  });

  it('shows changes committed elsewhere live, without reloading', async () => {
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    const api = async (path: string, token: string | null, method = 'GET', body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as any;
    };
    const { accessToken } = await api('/api/auth/login', null, 'POST', { username: 'admin', password: 'Demo@2026' });
    const grids = await api('/api/geo/grids.geojson', accessToken);
    const grid = grids.features[0].properties;
    await api(`/api/geo/grids/${grid.id}`, accessToken, 'PATCH', { name: '实时更名网格', version: grid.version });
    await page.locator('.leaflet-tooltip.gb-label', { hasText: '实时更名网格' }).waitFor({ state: 'attached' });

    const buildings = await api('/api/geo/buildings.geojson', accessToken);
    const drawnBefore = Number(await page.locator('[data-testid=board-map]').getAttribute('data-drawn-buildings'));
    expect(drawnBefore).toBe(buildings.features.length);
    const near = buildings.features[0].properties;
    await api('/api/geo/buildings', accessToken, 'POST', {
      name: '实时新增楼栋',
      lat: near.lat + 0.00005,
      lng: near.lng + 0.00005,
      floors: 6,
    });
    await page.waitForSelector(`[data-testid=board-map][data-drawn-buildings="${drawnBefore + 1}"]`);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  it('shows the connection going offline and coming back, and resyncs', async () => {
    const indicator = page.locator('[data-testid=connection-indicator]');
    await page.context().setOffline(true);
    await page.waitForSelector('[data-testid=connection-indicator][data-status=offline]');
    await expectText(page, '[data-testid=connection-indicator]', '离线');
    await page.context().setOffline(false);
    await page.waitForSelector('[data-testid=connection-indicator][data-status=online]', { timeout: 30_000 });
    await indicator.hover();
    await page.getByText(/最近同步：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/).waitFor();
  });

  it('switches the interface to English and back', async () => {
    await page.locator('[data-testid=lang-en-US]').click();
    await expectText(page, '.topbar', 'Gridboard');
    await expectText(page, '[data-testid=map-counts]', '26 grids');
    await page.locator('[data-testid=lang-zh-CN]').click();
    await expectText(page, '.topbar', '网格值守台');
    expect(errors).toEqual([]);
  });
});

async function expectText(scope: Page | ReturnType<Page['locator']>, selector: string, text: string): Promise<void> {
  await scope.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
