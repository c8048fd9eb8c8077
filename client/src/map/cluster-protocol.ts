/**
 * Messages between the incidents layer and its clustering worker (cluster-worker.ts). Points travel
 * as one transferred Float64Array, four numbers each (lng, lat, severity rank, overdue 0/1), and
 * come back named by their position in it, so no id string is copied either way.
 */
export const POINT_STRIDE = 4;

export type ClusterRequest =
  | { type: 'load'; call: number; gen: number; points: Float64Array }
  | { type: 'view'; call: number; bbox: [number, number, number, number]; zoom: number }
  | { type: 'expansion'; call: number; clusterId: number };

/**
 * A cluster (`count` > 1, with supercluster's `id`, and `origin`: the zoom and position of the
 * point it grew from, which a rebuild with incidents added at the end keeps) or a single point
 * (`at`: its position in the load).
 */
export type ViewItem =
  | { id: number; origin: number; count: number; lng: number; lat: number; rank: number; overdue: number }
  | { at: number; lng: number; lat: number };

export type ClusterReply =
  | { call: number; gen: number; type: 'loaded' }
  | { call: number; gen: number; type: 'view'; items: ViewItem[] }
  | { call: number; gen: number; type: 'expansion'; zoom: number | null };
