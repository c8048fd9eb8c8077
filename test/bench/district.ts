import type { DataSource } from 'typeorm';
import type { Jurisdiction } from '@gridboard/shared';
import { seedDemo } from '@gridboard/server/db/seed';

/** A building of each grid (the realtime benchmark's incident there), so writes spread over every grid. */
export interface WriteTarget {
  buildingId: string;
  jurisdiction: Jurisdiction;
}
export interface District {
  streets: { id: string; code: string; grids: string[] }[];
  targets: WriteTarget[];
}

/**
 * The 20-street district of `pnpm seed --streets 20`, and the first building of each grid. A target
 * started in production mode refuses the public demo password, so a benchmark that never logs in
 * with the demo accounts (`disableDemoAccounts`) disables them; the board benchmark logs in as duty1.
 */
export async function seedDistrict(
  ds: DataSource,
  streets: number,
  { disableDemoAccounts }: { disableDemoAccounts: boolean },
): Promise<District> {
  const seeded = await seedDemo(ds, { streets });
  if (disableDemoAccounts) {
    await ds.query('UPDATE app_user SET disabled = true WHERE username = ANY($1)', [seeded.accounts]);
  }
  const rows = (await ds.query(
    `SELECT s.id AS street_id, s.code, g.id AS grid_id, g.community_id,
            (SELECT b.id FROM building b WHERE b.grid_id = g.id ORDER BY b.id LIMIT 1) AS building_id
       FROM street s JOIN grid g ON g.street_id = s.id
      ORDER BY s.code, g.code`,
  )) as { street_id: string; code: string; grid_id: string; community_id: string; building_id: string | null }[];
  const out: District = { streets: [], targets: [] };
  for (const r of rows) {
    let street = out.streets.find((s) => s.id === r.street_id);
    if (!street) out.streets.push((street = { id: r.street_id, code: r.code, grids: [] }));
    street.grids.push(r.grid_id);
    if (r.building_id) {
      out.targets.push({
        buildingId: r.building_id,
        jurisdiction: {
          streetId: r.street_id,
          communityId: r.community_id,
          gridId: r.grid_id,
          departmentIds: [],
          streetWide: false,
        },
      });
    }
  }
  return out;
}
