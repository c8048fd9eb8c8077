import type L from 'leaflet';
import { type Ref, ref } from 'vue';

interface Entry {
  layer: L.Layer;
  version: number;
}

/**
 * Keeps a layer group equal to a feature list by id and version: only added, changed and removed
 * features touch the map, so a live change to one building does not redraw thousands.
 */
export class KeyedLayers<F> {
  private readonly entries = new Map<string, Entry>();
  readonly drawn: Ref<number> = ref(0);

  /**
   * `update`, when given, may change a held layer to a new version of its feature in place (true)
   * rather than have it replaced: cheaper for a DOM marker whose text changed.
   */
  constructor(
    private readonly group: L.LayerGroup,
    private readonly key: (f: F) => { id: string; version: number },
    private readonly create: (f: F) => L.Layer,
    private readonly update?: (layer: L.Layer, f: F) => boolean,
  ) {}

  sync(features: readonly F[]): void {
    const live = new Set<string>();
    for (const f of features) {
      const { id, version } = this.key(f);
      live.add(id);
      const held = this.entries.get(id);
      if (held && held.version === version) continue;
      if (held && this.update?.(held.layer, f)) {
        held.version = version;
        continue;
      }
      if (held) this.group.removeLayer(held.layer);
      const layer = this.create(f);
      this.group.addLayer(layer);
      this.entries.set(id, { layer, version });
    }
    for (const [id, held] of this.entries) {
      if (live.has(id)) continue;
      this.group.removeLayer(held.layer);
      this.entries.delete(id);
    }
    this.drawn.value = this.entries.size;
  }

  get(id: string): L.Layer | undefined {
    return this.entries.get(id)?.layer;
  }

  /** Rebuild everything (e.g. the colours changed). */
  reset(): void {
    this.group.clearLayers();
    this.entries.clear();
    this.drawn.value = 0;
  }
}
