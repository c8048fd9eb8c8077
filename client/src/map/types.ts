import type L from 'leaflet';
import type { Ref } from 'vue';

/**
 * What the drawer shows: one item picked on the map (or in a panel). Each domain registers the
 * detail view of its kinds in DetailDrawer's DETAILS.
 */
export type MapSelectionKind =
  'grid' | 'building' | 'incident' | 'whistle' | 'site' | 'hazard' | 'floodTask' | 'shelter';
export interface MapSelection {
  kind: MapSelectionKind;
  id: string;
}

export interface LayerContext {
  map: L.Map;
  select(selection: MapSelection): void;
  /** What the drawer shows; layers highlight it. */
  selected: Readonly<Ref<MapSelection | null>>;
}

export interface MountedLayer {
  layer: L.Layer;
  /** How many features it has drawn (shown by the page as `data-drawn-<id>`, checked by the browser tests). */
  drawn: Readonly<Ref<number>>;
  /** Stops watching the stores; the page removes the layer from the map. */
  dispose(): void;
}

/**
 * One entry of the layer switcher. `mount` builds the Leaflet layer from a store and keeps it
 * current (watching the store); user text only ever reaches the map as DOM text nodes.
 */
export interface MapLayerDef {
  id: string;
  /** i18n key of the switcher label */
  label: string;
  defaultVisible: boolean;
  mount(ctx: LayerContext): MountedLayer;
}
