import type { MapLayerDef } from '../types';
import { basemapLayer } from './basemap';
import { buildingsLayer } from './buildings';
import { communitiesLayer } from './communities';
import { gridLoadLayer } from './grid-load';
import { gridsLayer } from './grids';
import { incidentsLayer } from './incidents';
import { whistlesLayer } from './whistles';
import { floodTasksLayer } from './flood-tasks';
import { sheltersLayer } from './shelters';
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
  gridLoadLayer,
  incidentsLayer,
  whistlesLayer,
  sheltersLayer,
  floodTasksLayer,
  sitesLayer,
  hazardsLayer,
];
