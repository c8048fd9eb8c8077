import L from 'leaflet';
import { watch } from 'vue';
import { textContent } from '../dom';
import { KeyedLayers } from '../keyed';
import { canvasIn, PANES } from '../panes';
import type { LayerContext, MapSelectionKind, MountedLayer } from '../types';

interface Placed {
  lat: number;
  lng: number;
}

export interface CircleMarkerSpec<T extends Placed> {
  /** What a click selects (and the drawer shows). */
  kind: MapSelectionKind;
  /** The store's live list; watched, and redrawn by id and version. */
  items: () => readonly T[];
  /** The item's id (what a click selects) and a version that changes whenever what is drawn changes. */
  key: (item: T) => { id: string; version: number };
  style: (item: T, selected: boolean) => L.CircleMarkerOptions & { radius: number };
  /** Tooltip lines (the first in bold), built as DOM text. */
  tooltip: (item: T) => string[];
}

/**
 * Point items of a store as clickable circles on the shared feature canvas: changed items are
 * redrawn alone, the selected one is enlarged and brought to the front.
 */
export function mountCircleMarkers<T extends Placed>(
  { map, select, selected }: LayerContext,
  spec: CircleMarkerSpec<T>,
): MountedLayer {
  const group = L.featureGroup();
  const renderer = canvasIn(map, PANES.features);
  const byId = new Map<string, T>();
  const selectedId = () => (selected.value?.kind === spec.kind ? selected.value.id : null);
  const idOf = (item: T) => spec.key(item).id;
  const styleOf = (item: T) => spec.style(item, idOf(item) === selectedId());

  const keyed = new KeyedLayers<T>(group, spec.key, (item) => {
    const style = styleOf(item);
    const marker = L.circleMarker([item.lat, item.lng], { renderer, pane: PANES.features, ...style });
    marker.bindTooltip(() => textContent(spec.tooltip(item)), { direction: 'top', offset: [0, -style.radius] });
    marker.on('click', () => select({ kind: spec.kind, id: idOf(item) }));
    return marker;
  });
  const restyle = (id: string | null) => {
    const item = id ? byId.get(id) : undefined;
    const marker = id ? (keyed.get(id) as L.CircleMarker | undefined) : undefined;
    if (!item || !marker) return;
    const style = styleOf(item);
    marker.setStyle(style).setRadius(style.radius);
    if (id === selectedId()) marker.bringToFront();
  };

  const stop = watch(
    spec.items,
    (items) => {
      byId.clear();
      for (const item of items) byId.set(idOf(item), item);
      keyed.sync(items);
    },
    { immediate: true },
  );
  const stopSelection = watch(selectedId, (id, before) => {
    restyle(before ?? null);
    restyle(id);
  });
  return {
    layer: group,
    drawn: keyed.drawn,
    dispose: () => {
      stop();
      stopSelection();
    },
  };
}
