import type L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { KeyedLayers } from './keyed';

interface Feature {
  id: string;
  version: number;
}

/** A layer group that records what was added and removed (KeyedLayers uses nothing else of it). */
function recordingGroup() {
  const added: string[] = [];
  const removed: string[] = [];
  const group = {
    addLayer: (l: { name: string }) => void added.push(l.name),
    removeLayer: (l: { name: string }) => void removed.push(l.name),
  } as unknown as L.LayerGroup;
  return { group, added, removed };
}
const layerOf = (f: Feature) => ({ name: `${f.id}@${f.version}` }) as unknown as L.Layer;

describe('KeyedLayers', () => {
  it('replaces a feature whose version changed, and removes the ones gone', () => {
    const { group, added, removed } = recordingGroup();
    const keyed = new KeyedLayers<Feature>(group, (f) => f, layerOf);
    keyed.sync([
      { id: 'a', version: 1 },
      { id: 'b', version: 1 },
    ]);
    keyed.sync([
      { id: 'a', version: 1 },
      { id: 'b', version: 2 },
    ]);
    keyed.sync([{ id: 'b', version: 2 }]);
    expect(added).toEqual(['a@1', 'b@1', 'b@2']);
    expect(removed).toEqual(['b@1', 'a@1']);
    expect(keyed.drawn.value).toBe(1);
  });

  it('lets `update` change a held layer in place, and replaces it when update declines', () => {
    const { group, added, removed } = recordingGroup();
    const updates: string[] = [];
    const keyed = new KeyedLayers<Feature>(
      group,
      (f) => f,
      layerOf,
      (layer, f) => {
        updates.push(`${(layer as unknown as { name: string }).name}→${f.version}`);
        return f.version < 3;
      },
    );
    keyed.sync([{ id: 'a', version: 1 }]);
    keyed.sync([{ id: 'a', version: 2 }]);
    keyed.sync([{ id: 'a', version: 2 }]); // the version updated in place is remembered
    keyed.sync([{ id: 'a', version: 3 }]);
    expect(updates).toEqual(['a@1→2', 'a@1→3']);
    expect(added).toEqual(['a@1', 'a@3']);
    expect(removed).toEqual(['a@1']);
  });
});
