import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, login, type RunningServer, startBuiltServer } from '../support/browser';

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
    await page.waitForURL(/\/login\?redirect=%2Fboard/);
    await expectText(page, 'h1', '网格值守台');
    await login(page, server.url, 'duty1');
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
    // Zoom in until grid names show, then click in the middle of one (labels let clicks through).
    await page.locator('.leaflet-control-zoom-in').click();
    await page.locator('.leaflet-control-zoom-in').click();
    const label = page.locator('.leaflet-tooltip.gb-label:visible').first();
    await label.waitFor();
    const name = (await label.textContent())!.trim();
    const box = (await label.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height + 14);
    const drawer = page.locator('.detail-drawer');
    await drawer.waitFor();
    const detail = drawer.locator('[data-testid=grid-detail], [data-testid=building-detail]');
    await detail.waitFor();
    if ((await detail.getAttribute('data-testid')) === 'grid-detail')
      await expectText(drawer, '.el-descriptions', name);
    await page.screenshot({ path: join(ARTIFACTS, 'map-drawer.png') });
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
