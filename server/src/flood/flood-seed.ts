import { nearest, type RiskType, type VulnerableFlag } from '@gridboard/shared';
import type { EntityManager } from 'typeorm';
import { FloodHouseholdEntity } from './flood-household.entity';
import { newCardCode } from './transfer-card';

/**
 * The demo street's fixed-transfer register, as in the seed report: 12 households, 17 people, in the
 * low-lying blocks of community 1 (grids G01–G03), each with a demo account as its cadre so the phone
 * page can be tried by logging in as them: grid01 and worker01 (G01), grid02 (G02), community1 (C1).
 */
const PLAN: { grid: string; cadre: string; people: number; risk: RiskType; vulnerable: VulnerableFlag[] }[] = [
  { grid: 'G01', cadre: 'grid01', people: 2, risk: 'low_lying', vulnerable: ['elderly'] },
  { grid: 'G01', cadre: 'grid01', people: 1, risk: 'dangerous_house', vulnerable: ['elderly', 'bedridden'] },
  { grid: 'G01', cadre: 'grid01', people: 1, risk: 'low_lying', vulnerable: [] },
  { grid: 'G01', cadre: 'worker01', people: 2, risk: 'basement', vulnerable: ['children'] },
  { grid: 'G01', cadre: 'worker01', people: 1, risk: 'low_lying', vulnerable: ['disabled'] },
  { grid: 'G02', cadre: 'grid02', people: 2, risk: 'low_lying', vulnerable: ['elderly'] },
  { grid: 'G02', cadre: 'grid02', people: 1, risk: 'dangerous_house', vulnerable: ['elderly'] },
  { grid: 'G02', cadre: 'grid02', people: 1, risk: 'slope', vulnerable: [] },
  { grid: 'G02', cadre: 'community1', people: 2, risk: 'basement', vulnerable: ['children'] },
  { grid: 'G03', cadre: 'community1', people: 1, risk: 'slope', vulnerable: ['elderly', 'disabled'] },
  { grid: 'G03', cadre: 'community1', people: 2, risk: 'low_lying', vulnerable: [] },
  { grid: 'G03', cadre: 'community1', people: 1, risk: 'dangerous_house', vulnerable: ['bedridden'] },
];

interface Candidate {
  householdId: string;
  buildingId: string;
  unit: string;
  room: string;
  headName: string;
  phone: string | null;
  lat: number;
  lng: number;
}

/**
 * Seeds the register of the street whose grids are `grids` (code → id), once: a street that already
 * has a register is left alone. Households are the lowest-lying (southernmost) of each grid, each
 * linked to its registry household and designated the nearest shelter. Returns how many it created.
 */
export async function seedDemoFloodRegister(
  m: EntityManager,
  streetId: string,
  streetCode: string,
  grids: Record<string, string>,
): Promise<number> {
  const [existing] = (await m.query('SELECT count(*)::int AS n FROM flood_household WHERE street_id = $1', [
    streetId,
  ])) as { n: number }[];
  if (existing!.n > 0) return 0;
  const cadres = new Map(
    (
      (await m.query('SELECT id, username, display_name AS name, phone FROM app_user WHERE street_id = $1', [
        streetId,
      ])) as { id: string; username: string; name: string; phone: string | null }[]
    ).map((u) => [u.username, u]),
  );
  const shelters = (await m.query('SELECT id, lat, lng FROM shelter WHERE street_id = $1 ORDER BY name', [
    streetId,
  ])) as { id: string; lat: number; lng: number }[];
  if (!shelters.length) return 0;
  const rows: Partial<FloodHouseholdEntity>[] = [];
  for (const code of [...new Set(PLAN.map((p) => p.grid))]) {
    const gridId = grids[`${streetCode}-${code}`];
    const plan = PLAN.filter((p) => p.grid === code);
    if (!gridId) continue;
    // one household of each of the grid's lowest buildings
    const candidates = (await m.query(
      `SELECT DISTINCT ON (b.lat, b.id) h.id AS "householdId", b.id AS "buildingId", h.unit, h.room,
              h.head_name AS "headName", h.phone, b.lat, b.lng
       FROM building b JOIN household h ON h.building_id = b.id
       WHERE b.grid_id = $1 ORDER BY b.lat, b.id, h.unit, h.room LIMIT $2`,
      [gridId, plan.length],
    )) as Candidate[];
    plan.forEach((p, i) => {
      const c = candidates[i];
      const cadre = cadres.get(p.cadre);
      if (!c) return;
      rows.push({
        streetId,
        buildingId: c.buildingId,
        householdId: c.householdId,
        unit: c.unit,
        room: c.room,
        headName: c.headName,
        phone: c.phone,
        idNumber: null,
        personCount: p.people,
        vulnerable: p.vulnerable,
        riskType: p.risk,
        cadreUserId: cadre?.id ?? null,
        cadreName: cadre?.name ?? p.cadre,
        cadrePhone: cadre?.phone ?? null,
        shelterId: nearest({ lat: c.lat, lng: c.lng }, shelters)!.id,
        cardCode: newCardCode(),
        note: '',
      });
    });
  }
  if (!rows.length) return 0;
  await m.insert(FloodHouseholdEntity, rows);
  await m.query(
    `INSERT INTO audit_log (actor_name, actor_role, action, object_type, result, detail, street_id)
     VALUES ('system', 'system', 'flood.seed', 'flood_household', 'ok', $1, $2)`,
    [{ households: rows.length, people: rows.reduce((n, r) => n + r.personCount!, 0) }, streetId],
  );
  return rows.length;
}
