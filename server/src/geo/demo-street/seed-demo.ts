import type { DataSource } from 'typeorm';
import { DemoStreetWriter, type SeededIds } from './demo-street.writer';
import { generateStreet, streetCode } from './generate';

export interface DemoSeedResult {
  /** every demo street asked for, whether created now or found from an earlier run */
  streets: SeededIds[];
  /** how many were created by this run (0 on a second run: seeding is idempotent) */
  created: number;
  ms: number;
}

/**
 * Seeds demo streets ST01…STnn (`pnpm seed --streets N`): a street that exists is left alone, a new
 * one is written whole in its own transaction, so an interrupted seed never leaves half a street.
 */
export async function seedDemoStreets(ds: DataSource, opts: { streets: number }): Promise<DemoSeedResult> {
  const started = Date.now();
  let created = 0;
  for (let index = 0; index < opts.streets; index++) {
    const made = await ds.transaction(async (m) => {
      const writer = new DemoStreetWriter(m);
      await writer.lock();
      if (await writer.streetExists(streetCode(index))) return false;
      await writer.write(generateStreet(index));
      return true;
    });
    if (made) created++;
  }
  const streets: SeededIds[] = [];
  for (let index = 0; index < opts.streets; index++) {
    streets.push(await new DemoStreetWriter(ds.manager).ids(streetCode(index)));
  }
  return { streets, created, ms: Date.now() - started };
}

/** At boot with SEED_DEMO: the demo street, only when the database has no street at all. */
export async function seedDemoIfEmpty(ds: DataSource): Promise<DemoSeedResult | null> {
  const empty = await ds.transaction(async (m) => {
    const writer = new DemoStreetWriter(m);
    await writer.lock();
    return (await writer.streetCount()) === 0;
  });
  return empty ? seedDemoStreets(ds, { streets: 1 }) : null;
}
