import { useBoardIncidentsStore } from '@/stores/board-incidents';
import { useGeoStore } from '@/stores/geo';

/**
 * Starts loading what the board's map draws (the street's layers and the incident markers) unless
 * held. The route calls it as navigation to the board begins, so the snapshots are fetched while the
 * page's scripts load and its panels mount rather than after: in the board benchmark the requests
 * went out about 550 ms after navigation start, when the page had mounted (docs/PERFORMANCE.md).
 * A second call while loading shares the load.
 */
export function prefetchBoard(): void {
  const geo = useGeoStore();
  const incidents = useBoardIncidentsStore();
  if (geo.status !== 'ready') void geo.load();
  if (incidents.status !== 'ready') void incidents.load();
}
