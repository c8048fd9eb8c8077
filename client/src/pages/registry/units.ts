import type { Community, Department, Grid, Scope, Street } from '@gridboard/shared';
import { computed, onMounted, ref, shallowRef } from 'vue';
import { asApiError } from '@/api/http';
import { listRegistry, registryApi } from '@/api/registry';

/** Enough for every unit of a district (20 streets: 520 grids), in one request per kind. */
const ALL = { limit: 10_000, offset: 0 };

/**
 * The street's units by id (streets, communities, grids, departments: visible to everyone on the
 * street), for naming them in tables and offering them in pickers. Loaded when the page mounts.
 */
export function useUnits() {
  const streets = shallowRef<Street[]>([]);
  const communities = shallowRef<Community[]>([]);
  const grids = shallowRef<Grid[]>([]);
  const departments = shallowRef<Department[]>([]);
  const error = ref<unknown>(null);
  const ready = ref(false);

  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
  const streetById = computed(() => byId(streets.value));
  const communityById = computed(() => byId(communities.value));
  const gridById = computed(() => byId(grids.value));
  const departmentById = computed(() => byId(departments.value));

  async function load(): Promise<void> {
    error.value = null;
    try {
      const [s, c, g, d] = await Promise.all([
        registryApi.streets(),
        listRegistry('communities', ALL),
        listRegistry('grids', ALL),
        listRegistry('departments', ALL),
      ]);
      streets.value = s.items;
      communities.value = c.items;
      grids.value = g.items;
      departments.value = d.items;
      ready.value = true;
    } catch (e) {
      error.value = asApiError(e);
    }
  }
  onMounted(load);

  return {
    streets,
    communities,
    grids,
    departments,
    streetById,
    communityById,
    gridById,
    departmentById,
    error,
    ready,
    reload: load,
  };
}
export type Units = ReturnType<typeof useUnits>;

/** The names a scope covers, e.g. ['一网格', '二网格']; an id not (or no longer) visible shows as is. */
export function scopeUnitNames(scope: Scope, units: Units): string[] {
  switch (scope.kind) {
    case 'district':
      return [];
    case 'street':
      return [units.streetById.value.get(scope.streetId)?.name ?? scope.streetId];
    case 'communities':
      return scope.communityIds.map((id) => units.communityById.value.get(id)?.name ?? id);
    case 'grids':
      return scope.gridIds.map((id) => units.gridById.value.get(id)?.name ?? id);
    case 'department':
      return [units.departmentById.value.get(scope.departmentId)?.name ?? scope.departmentId];
  }
}
