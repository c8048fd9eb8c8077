import type { BoardIncident } from '@gridboard/shared';
import { type ClusterReply, type ClusterRequest, POINT_STRIDE } from './cluster-protocol';
import { SEVERITY_RANK } from './incident-style';

type Request = ClusterRequest extends infer R ? (R extends ClusterRequest ? Omit<R, 'call'> : never) : never;

export type ClusterView =
  | {
      kind: 'cluster';
      id: number;
      origin: number;
      count: number;
      lng: number;
      lat: number;
      rank: number;
      overdue: number;
    }
  | { kind: 'point'; incident: BoardIncident };

/**
 * The incidents' cluster index, kept in a Web Worker (cluster-worker.ts) so rebuilding it over
 * 10,000 incidents never blocks a frame. Every answer names the load it was computed from, so
 * points are resolved against the incidents of that load even while a newer one is being built.
 */
export class IncidentClusters {
  private readonly worker = new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' });
  private readonly waiting = new Map<number, (reply: ClusterReply) => void>();
  /** The incidents of each load the worker may still answer from, by generation. */
  private readonly loads = new Map<number, BoardIncident[]>([[0, []]]);
  private calls = 0;
  private gen = 0;

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<ClusterReply>) => {
      // The worker answers in order: no later answer comes from an older load.
      for (const g of this.loads.keys()) if (g < data.gen) this.loads.delete(g);
      this.waiting.get(data.call)?.(data);
      this.waiting.delete(data.call);
    };
  }

  /** Replaces the points (incidents without a place are left out); resolves once the index is built. */
  async load(list: readonly BoardIncident[]): Promise<void> {
    // One pass over the (10,000) incidents into arrays of their final size: this runs every few
    // hundred ms during a burst.
    const placed = new Array<BoardIncident>(list.length);
    const all = new Float64Array(list.length * POINT_STRIDE);
    let n = 0;
    for (let at = 0; at < list.length; at++) {
      const i = list[at]!;
      if (i.lat === null || i.lng === null) continue;
      const k = n * POINT_STRIDE;
      all[k] = i.lng;
      all[k + 1] = i.lat;
      all[k + 2] = SEVERITY_RANK[i.severity];
      all[k + 3] = i.overdue ? 1 : 0;
      placed[n++] = i;
    }
    placed.length = n;
    const points = all.subarray(0, n * POINT_STRIDE);
    const gen = ++this.gen;
    this.loads.set(gen, placed);
    await this.ask({ type: 'load', gen, points }, [all.buffer]);
  }

  /** Clusters and single incidents within `bbox` ([west, south, east, north]) at `zoom`. */
  async view(bbox: [number, number, number, number], zoom: number): Promise<ClusterView[]> {
    const reply = await this.ask({ type: 'view', bbox, zoom });
    if (reply.type !== 'view') return [];
    const placed = this.loads.get(reply.gen) ?? [];
    return reply.items.map((v): ClusterView =>
      'at' in v ? { kind: 'point', incident: placed[v.at]! } : { kind: 'cluster', ...v },
    );
  }

  /** The zoom at which a cluster of the last view falls apart (null: rebuilt since, the id is gone). */
  async expansionZoom(clusterId: number): Promise<number | null> {
    const reply = await this.ask({ type: 'expansion', clusterId });
    return reply.type === 'expansion' ? reply.zoom : null;
  }

  dispose(): void {
    this.worker.terminate();
    this.waiting.clear();
  }

  private ask(request: Request, transfer: Transferable[] = []): Promise<ClusterReply> {
    const call = ++this.calls;
    return new Promise((resolve) => {
      this.waiting.set(call, resolve);
      this.worker.postMessage({ ...request, call }, transfer);
    });
  }
}
