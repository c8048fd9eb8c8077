import L from 'leaflet';

/**
 * Drawing order, bottom to top: basemap (SVG), community outlines (SVG), the grids' shading by
 * open work (SVG), then every clickable feature on ONE canvas. A canvas covers the whole map and
 * swallows the pointer events of anything below it, so grids, buildings (and later incidents…) must
 * share the top canvas to all be clickable.
 */
export const PANES = {
  basemap: 'gb-basemap',
  communities: 'gb-communities',
  gridLoad: 'gb-grid-load',
  features: 'gb-features',
} as const;
const Z: Record<keyof typeof PANES, number> = { basemap: 250, communities: 380, gridLoad: 390, features: 450 };

export function createPanes(map: L.Map): void {
  for (const [key, name] of Object.entries(PANES) as [keyof typeof PANES, string][]) {
    map.createPane(name).style.zIndex = String(Z[key]);
  }
}

const canvases = new WeakMap<L.Map, Map<string, L.Canvas>>();

/**
 * One canvas renderer per map and pane: thousands of points draw fast and stay clickable. Leaflet's
 * default margin (0.1 of the view): in the board benchmark's traces Chromium copied both canvases at
 * almost every frame that repainted the page, and a half-view margin made each copy 2.8 times larger.
 */
export function canvasIn(map: L.Map, pane: string): L.Canvas {
  let byPane = canvases.get(map);
  if (!byPane) canvases.set(map, (byPane = new Map()));
  let canvas = byPane.get(pane);
  if (!canvas) byPane.set(pane, (canvas = L.canvas({ pane, padding: 0.1 })));
  return canvas;
}
