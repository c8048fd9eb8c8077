import { areaBounds, pointInArea, type WarningScope } from '@gridboard/shared';

interface Placed {
  building: { gridId: string; lat: number; lng: number };
}

/**
 * The register households a warning covers: the whole street, those whose building is in one of
 * the chosen grids, or those whose building stands inside the drawn area — on its edge counts as
 * inside, inside a hole as outside, any polygon of a MultiPolygon will do (shared geo.ts).
 */
export function householdsInScope<H extends Placed>(scope: WarningScope, households: readonly H[]): H[] {
  switch (scope.kind) {
    case 'street':
      return [...households];
    case 'grids': {
      const grids = new Set(scope.gridIds);
      return households.filter((h) => grids.has(h.building.gridId));
    }
    case 'area': {
      const [w, s, e, n] = areaBounds(scope.area);
      return households.filter(({ building: b }) => {
        if (b.lng < w || b.lng > e || b.lat < s || b.lat > n) return false;
        return pointInArea({ lat: b.lat, lng: b.lng }, scope.area);
      });
    }
  }
}
