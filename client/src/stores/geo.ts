import { buildingSchema, communitySchema, gridSchema, type EventPayload } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { type BasemapLayer, type BuildingsLayer, type CommunitiesLayer, geoApi, type GridsLayer } from '@/api/geo';
import { type ApiRequestError, asApiError } from '@/api/http';
import { realtime } from '@/realtime';

export type CommunityFeature = CommunitiesLayer['features'][number];
export type GridFeature = GridsLayer['features'][number];
export type BuildingFeature = BuildingsLayer['features'][number];
export type BasemapFeature = BasemapLayer['features'][number];

type Versioned = { properties: { id: string; version: number } };

/** Inserts or replaces by id; an older version than the one held is ignored (replays repeat events). */
function upsert<F extends Versioned>(list: readonly F[], next: F): F[] {
  const i = list.findIndex((f) => f.properties.id === next.properties.id);
  if (i < 0) return [...list, next];
  if (list[i]!.properties.version > next.properties.version) return list as F[];
  const copy = list.slice();
  copy[i] = next;
  return copy;
}

const without = <F extends Versioned>(list: readonly F[], id: string): F[] =>
  list.filter((f) => f.properties.id !== id);

/**
 * The street's registry as map layers: a snapshot from the GeoJSON endpoints, kept current by
 * `geo.changed` (patched in place from the event's DTO) and `geo.imported` (reloaded).
 */
export const useGeoStore = defineStore('geo', () => {
  // shallowRef: thousands of features, replaced as a whole, never deeply watched.
  const communities = shallowRef<CommunityFeature[]>([]);
  const grids = shallowRef<GridFeature[]>([]);
  const buildings = shallowRef<BuildingFeature[]>([]);
  const basemap = shallowRef<BasemapFeature[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<ApiRequestError | null>(null);

  const communityById = computed(() => new Map(communities.value.map((f) => [f.properties.id, f.properties])));
  const gridById = computed(() => new Map(grids.value.map((f) => [f.properties.id, f.properties])));

  const feed = realtime.feed({
    on: {
      'geo.changed': (e) => applyChange(e.payload),
      'geo.imported': () => void load(),
    },
    onStale: () => void load(),
  });

  let loading: Promise<void> | null = null;

  /** (Re)loads every layer, then follows the stream from the seq they were read at. */
  function load(): Promise<void> {
    loading ??= fetchAll().finally(() => (loading = null));
    return loading;
  }

  async function fetchAll(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const [c, g, b, m] = await Promise.all([
        geoApi.communities(),
        geoApi.grids(),
        geoApi.buildings(),
        geoApi.basemap(),
      ]);
      communities.value = c.features;
      grids.value = g.features;
      buildings.value = b.features;
      basemap.value = m.features;
      status.value = 'ready';
      // Each layer was read at its own seq: follow from the oldest (a repeated change is harmless).
      feed.resume(Math.min(c.seq, g.seq, b.seq, m.seq));
    } catch (e) {
      status.value = 'error';
      error.value = asApiError(e);
    }
  }

  function applyChange(p: EventPayload<'geo.changed'>): void {
    const deleted = p.op === 'deleted';
    switch (p.entity) {
      case 'community': {
        if (deleted) return void (communities.value = without(communities.value, p.id));
        const dto = communitySchema.safeParse(p.data);
        if (!dto.success) return void load();
        const { area, ...properties } = dto.data;
        communities.value = upsert(communities.value, { type: 'Feature', geometry: area, properties });
        return;
      }
      case 'grid': {
        if (deleted) return void (grids.value = without(grids.value, p.id));
        const dto = gridSchema.safeParse(p.data);
        if (!dto.success) return void load();
        const { area, ...properties } = dto.data;
        grids.value = upsert(grids.value, { type: 'Feature', geometry: area, properties });
        return;
      }
      case 'building': {
        if (deleted) return void (buildings.value = without(buildings.value, p.id));
        const dto = buildingSchema.safeParse(p.data);
        if (!dto.success) return void load();
        const { footprint, ...properties } = dto.data;
        buildings.value = upsert(buildings.value, {
          type: 'Feature',
          geometry: footprint ?? { type: 'Point', coordinates: [properties.lng, properties.lat] },
          properties,
        });
        return;
      }
      default:
      // Households, persons, sites… are not drawn by these layers.
    }
  }

  return { communities, grids, buildings, basemap, status, error, communityById, gridById, load };
});
