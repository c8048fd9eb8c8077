import L from 'leaflet';
import { FlatSvg } from './flat-position';

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

const renderers = new WeakMap<L.Map, Map<string, L.Renderer>>();

function rendererIn<R extends L.Renderer>(map: L.Map, pane: string, create: () => R): R {
  let byPane = renderers.get(map);
  if (!byPane) renderers.set(map, (byPane = new Map()));
  let renderer = byPane.get(pane);
  if (!renderer) byPane.set(pane, (renderer = create()));
  return renderer as R;
}

/**
 * One canvas renderer per map and pane: thousands of points draw fast and stay clickable. Leaflet's
 * default margin (0.1 of the view): in the board benchmark's traces Chromium copied both canvases at
 * almost every frame that repainted the page, and a half-view margin made each copy 2.8 times larger.
 */
export function canvasIn(map: L.Map, pane: string): L.Canvas {
  return rendererIn(map, pane, () => L.canvas({ pane, padding: 0.1 }));
}

/** One SVG renderer per map and pane, painted with the map pane rather than composited on its own. */
export function svgIn(map: L.Map, pane: string): L.SVG {
  return rendererIn(map, pane, () => new FlatSvg({ pane, padding: 0.1 }));
}
