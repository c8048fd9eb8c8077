import type { DataSource } from 'typeorm';
import { type DemoSeedResult, seedDemoStreets } from '../geo/demo-street/seed-demo';

export type { DemoSeedResult };

/**
 * `pnpm seed [--streets N]`: the demo district (geo/demo-street). Idempotent. The result carries the
 * ids of every street's communities, grids and departments by code, for seeding accounts on top.
 */
export function seedDemo(ds: DataSource, opts: { streets: number }): Promise<DemoSeedResult> {
  return seedDemoStreets(ds, opts);
}
