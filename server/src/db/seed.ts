import type { DataSource } from 'typeorm';
import { seedDemoAccounts, type DemoStreet } from '../auth/demo-accounts';
import { seedDemoFloodRegister } from '../flood/flood-seed';
import { type DemoSeedResult, seedDemoIfEmpty, seedDemoStreets } from '../geo/demo-street/seed-demo';
import type { SeededIds } from '../geo/demo-street/demo-street.writer';
import { seedDemoInspections } from '../inspections/demo-inspections';

export interface SeedResult extends DemoSeedResult {
  /** demo accounts created by this run (on the first street) */
  accounts: string[];
  /** fixed-transfer households registered by this run (on the first street; their cadres are demo accounts) */
  floodHouseholds: number;
}

/**
 * `pnpm seed [--streets N]`: the demo district (geo/demo-street), each street's demo checklists and
 * campaign (inspections/demo-inspections), and on its first street the demo accounts of every role
 * (auth/demo-accounts) and the fixed-transfer register (flood/flood-seed). Idempotent.
 */
export async function seedDemo(ds: DataSource, opts: { streets: number }): Promise<SeedResult> {
  return withAccounts(ds, await seedDemoStreets(ds, opts));
}

/** At boot with SEED_DEMO: the same, only when the database has no street at all. */
export async function seedDemoOnStart(ds: DataSource): Promise<SeedResult | null> {
  const seeded = await seedDemoIfEmpty(ds);
  return seeded ? withAccounts(ds, seeded) : null;
}

async function withAccounts(ds: DataSource, seeded: DemoSeedResult): Promise<SeedResult> {
  // Each street's checklists and its demo campaign (safety inspections, issue 8).
  for (const ids of seeded.streets) await ds.transaction((m) => seedDemoInspections(m, ids, new Date()));
  const first = seeded.streets[0];
  const accounts = first ? await ds.transaction((m) => seedDemoAccounts(m, demoStreet(first))) : [];
  const floodHouseholds = first
    ? await ds.transaction((m) => seedDemoFloodRegister(m, first.streetId, first.code, first.grids))
    : 0;
  return { ...seeded, accounts, floodHouseholds };
}

/** Codes sort in order (ST01-C1 … C8, ST01-G01 … G26): community 1 and grids 1, 2 come first. */
function demoStreet(ids: SeededIds): DemoStreet {
  const ordered = (byCode: Record<string, string>) =>
    Object.keys(byCode)
      .sort()
      .map((code) => byCode[code]!);
  return {
    streetId: ids.streetId,
    communityIds: ordered(ids.communities),
    gridIds: ordered(ids.grids),
    departmentIds: ids.departments,
  };
}
