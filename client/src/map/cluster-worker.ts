/**
 * Clusters the board's incidents off the main thread: building the supercluster index over 10,000
 * points took 20–40 ms per rebuild on the page, long enough to drop frames during a burst of live
 * events. The layer sends the points, asks for the clusters in view, and asks for a cluster's
 * expansion zoom on click (cluster-protocol.ts).
 */
import Supercluster, { type PointFeature } from 'supercluster';
import { type ClusterReply, type ClusterRequest, POINT_STRIDE, type ViewItem } from './cluster-protocol';

interface PointProps {
  at: number;
  rank: number;
  overdue: number;
}
interface ClusterProps {
  rank: number;
  overdue: number;
}

/** Above this zoom every incident is drawn on its own; below, nearby ones merge into clusters. */
const CLUSTER_MAX_ZOOM = 16;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ClusterRequest>) => void) | null;
  postMessage(reply: ClusterReply): void;
};
const build = (points: PointFeature<PointProps>[]) =>
  new Supercluster<PointProps, ClusterProps>({
    radius: 56,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ rank: p.rank, overdue: p.overdue }),
    reduce: (acc, p) => {
      acc.rank = Math.max(acc.rank, p.rank);
      acc.overdue += p.overdue;
    },
  }).load(points);

let index = build([]);
let gen = 0;
/** Points in the index: supercluster numbers clusters after them. */
let pointCount = 0;

scope.onmessage = ({ data: m }) => {
  if (m.type === 'load') {
    const points: PointFeature<PointProps>[] = [];
    for (let at = 0, k = 0; k < m.points.length; at++, k += POINT_STRIDE) {
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [m.points[k]!, m.points[k + 1]!] },
        properties: { at, rank: m.points[k + 2]!, overdue: m.points[k + 3]! },
      });
    }
    index = build(points);
    gen = m.gen;
    pointCount = points.length;
    scope.postMessage({ call: m.call, gen, type: 'loaded' });
  } else if (m.type === 'view') {
    const items = index.getClusters(m.bbox, m.zoom).map((f): ViewItem => {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      return 'cluster' in p && p.cluster
        ? {
            id: p.cluster_id,
            origin: p.cluster_id - pointCount,
            count: p.point_count,
            lng,
            lat,
            rank: p.rank,
            overdue: p.overdue,
          }
        : { at: (p as PointProps).at, lng, lat };
    });
    scope.postMessage({ call: m.call, gen, type: 'view', items });
  } else {
    let zoom: number | null = null;
    try {
      zoom = index.getClusterExpansionZoom(m.clusterId);
    } catch {
      // The index was rebuilt since that cluster was drawn: its id is gone.
    }
    scope.postMessage({ call: m.call, gen, type: 'expansion', zoom });
  }
};
