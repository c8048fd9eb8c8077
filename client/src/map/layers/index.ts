import type { MapLayerDef } from '../types';
import { basemapLayer } from './basemap';
import { buildingsLayer } from './buildings';
import { communitiesLayer } from './communities';
import { gridsLayer } from './grids';
import { hazardsLayer } from './hazards';
import { sitesLayer } from './sites';

/**
 * Every layer of the board, in switcher order. A new layer (incidents, whistles, shelters…) is a
 * MapLayerDef in this folder, added here; the page mounts, toggles and disposes it.
 */
export const MAP_LAYERS: readonly MapLayerDef[] = [
  basemapLayer,
  communitiesLayer,
  gridsLayer,
  buildingsLayer,
  sitesLayer,
  hazardsLayer,
];
