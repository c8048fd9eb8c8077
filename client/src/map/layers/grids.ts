import L from 'leaflet';
import { watch } from 'vue';
import { useGeoStore, type GridFeature } from '@/stores/geo';
import { textContent } from '../dom';
import { FlatTooltip } from '../flat-position';
import { areaLatLngs } from '../geometry';
import { KeyedLayers } from '../keyed';
import { communityColors, UNKNOWN_COLOR } from '../palette';
import { canvasIn, PANES } from '../panes';
import type { MapLayerDef } from '../types';

const NORMAL = { weight: 1.5, fillOpacity: 0.16 };
const HOVER = { weight: 3, fillOpacity: 0.32 };
const SELECTED = { weight: 4, fillOpacity: 0.38 };

/** Grids as polygons on the features canvas, filled in their community's colour, named by a label. */
export const gridsLayer: MapLayerDef = {
  id: 'grids',
  label: 'map.layer.grids',
  defaultVisible: true,
  mount({ map, select, selected }) {
    const geo = useGeoStore();
    const renderer = canvasIn(map, PANES.features);
    const group = L.featureGroup();
    let colors = new Map<string, string>();
    let hovered: string | null = null;
    const selectedId = () => (selected.value?.kind === 'grid' ? selected.value.id : null);
    const styleOf = (id: string) => (id === selectedId() ? SELECTED : id === hovered ? HOVER : NORMAL);
    const restyle = (id: string | null) => {
      if (id) (keyed.get(id) as L.Polygon | undefined)?.setStyle(styleOf(id));
    };

    const keyed = new KeyedLayers<GridFeature>(
      group,
      (f) => f.properties,
      (f) => {
        const color = colors.get(f.properties.communityId) ?? UNKNOWN_COLOR;
        const polygon = L.polygon(areaLatLngs(f.geometry), {
          renderer,
          pane: PANES.features,
          color,
          fillColor: color,
          ...styleOf(f.properties.id),
        });
        polygon.bindTooltip(
          new FlatTooltip({ permanent: true, direction: 'center', className: 'gb-label' }).setContent(
            textContent([f.properties.name], 'gb-grid-label'),
          ),
        );
        // Re-shown after a toggle, a grid must stay under the buildings it contains (and their clicks).
        polygon.on('add', () => polygon.bringToBack());
        polygon.on('mouseover', () => restyle((hovered = f.properties.id)));
        polygon.on('mouseout', () => {
          hovered = null;
          restyle(f.properties.id);
        });
        polygon.on('click', () => select({ kind: 'grid', id: f.properties.id }));
        return polygon;
      },
    );

    const stop = watch(
      [() => geo.grids, () => geo.communities],
      ([grids, communities], old) => {
        if (!old || communities !== old[1]) {
          colors = communityColors(communities.map((c) => c.properties));
          keyed.reset();
        }
        keyed.sync(grids);
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
  },
};
