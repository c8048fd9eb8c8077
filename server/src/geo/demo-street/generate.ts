import type { Area, SiteType } from '@gridboard/shared';
import type { BasemapFeatureEntity } from '../basemap-feature.entity';
import type { BuildingEntity } from '../building.entity';
import type { CommunityEntity } from '../community.entity';
import type { CompoundEntity } from '../compound.entity';
import type { DepartmentEntity } from '../department.entity';
import { gridBounds } from '../grids.service';
import type { GridEntity } from '../grid.entity';
import type { HouseholdEntity } from '../household.entity';
import type { PersonEntity } from '../person.entity';
import type { ShelterEntity } from '../shelter.entity';
import type { SiteEntity } from '../site.entity';
import type { StreetEntity } from '../street.entity';
import { at, type Cell, COLS, footprint, patch, ROWS, RIVER_LINE, StreetLayout, type Pos } from './layout';
import {
  communityNames,
  compoundNames,
  idNumber,
  landline,
  mobile,
  personName,
  roadNames,
  shopPrefix,
  STREET_WORDS,
} from './names';
import { Prng } from './prng';

/** A row as inserted: the entity without database-set columns and relation objects. */
export type Row<E> = Omit<
  E,
  'version' | 'createdAt' | 'updatedAt' | 'grid' | 'compound' | 'building' | 'household' | 'community' | 'street'
>;

export interface DemoStreet {
  street: Row<StreetEntity>;
  communities: Row<CommunityEntity>[];
  grids: Row<GridEntity>[];
  compounds: Row<CompoundEntity>[];
  buildings: Row<BuildingEntity>[];
  households: Row<HouseholdEntity>[];
  persons: Row<PersonEntity>[];
  sites: Row<SiteEntity>[];
  shelters: Row<ShelterEntity>[];
  departments: Row<DepartmentEntity>[];
  basemap: Row<BasemapFeatureEntity>[];
}

/** The street's shape in numbers (issue 2): 8 communities, 26 grids, ~400 buildings, 4,600 households. */
export const DEMO = { communities: 8, grids: 26, buildings: 400, households: 4_600, shelters: 6 } as const;
/** Grids per community, in the snake order of the grid plan below. */
const COMMUNITY_SIZES = [3, 3, 4, 3, 3, 3, 4, 3];
type Dedicated = 'enterprise' | 'market' | 'school';
/** Grids as lattice cells, row by row in snake order so communities are contiguous. */
const GRID_PLAN: { row: number; cols: [number, number]; dedicated?: Dedicated }[] = [
  ...[0, 1, 2, 3, 4].map((c) => ({ row: 0, cols: [c, c] as [number, number] })),
  { row: 0, cols: [5, 6], dedicated: 'enterprise' },
  ...[6, 5, 4, 3, 2, 1, 0].map((c) => ({
    row: 1,
    cols: [c, c] as [number, number],
    ...(c === 3 ? { dedicated: 'market' as const } : {}),
  })),
  ...[0, 1, 2, 3, 4, 5, 6].map((c) => ({ row: 2, cols: [c, c] as [number, number] })),
  ...[6, 5, 4, 3, 2].map((c) => ({
    row: 3,
    cols: [c, c] as [number, number],
    ...(c === 3 ? { dedicated: 'school' as const } : {}),
  })),
  { row: 3, cols: [0, 1] },
];
const DEPARTMENTS = [
  { code: 'emergency', name: '应急管理办', kind: 'emergency' },
  { code: 'fire', name: '消防救援站', kind: 'fire' },
  { code: 'market', name: '市监所', kind: 'market_regulation' },
  { code: 'urban', name: '城管执法中队', kind: 'urban_management' },
  { code: 'housing', name: '住建办', kind: 'housing' },
  { code: 'police', name: '派出所', kind: 'police' },
  { code: 'water', name: '水务站', kind: 'water' },
  { code: 'power', name: '供电所', kind: 'power' },
  { code: 'gas', name: '燃气公司', kind: 'gas' },
] as const;
/** ~450 sites: the nine small places, food businesses under graded supervision, and the big ones. */
const SITE_MIX: [SiteType, number, string[]][] = [
  ['shop', 120, ['便利店', '超市', '五金店', '理发店', '水果店', '药店', '电动车行', '服装店']],
  ['restaurant', 60, ['面馆', '餐馆', '烧烤店', '火锅店', '小吃店', '热干面馆']],
  ['hotel', 10, ['宾馆', '快捷酒店', '旅社']],
  ['internet_cafe', 6, ['网咖', '网吧']],
  ['ktv', 4, ['KTV', '歌城']],
  ['clinic', 12, ['诊所', '社区卫生站', '口腔诊所']],
  ['workshop', 18, ['加工坊', '汽修店', '小作坊']],
  ['food_business', 120, ['食品店', '熟食店', '面包坊', '粮油店', '生鲜店']],
  ['petrol_station', 3, ['加油站']],
  ['school', 3, ['小学', '中学']],
  ['kindergarten', 5, ['幼儿园']],
  ['market', 3, ['农贸市场', '菜市场']],
  ['enterprise', 25, ['科技公司', '制造公司', '物流公司', '印务公司']],
  ['warehouse', 12, ['仓库', '仓储中心']],
  ['self_built_house', 40, ['自建房']],
  ['elderly_care', 4, ['养老院', '日间照料中心']],
  ['other', 5, ['培训中心', '停车场']],
];
const NINE_SMALL: SiteType[] = ['shop', 'restaurant', 'hotel', 'internet_cafe', 'ktv', 'clinic', 'workshop'];
const GRADE_A: SiteType[] = ['petrol_station', 'school', 'kindergarten', 'market', 'elderly_care', 'ktv'];
const GRADE_B: SiteType[] = ['hotel', 'internet_cafe', 'restaurant', 'clinic', 'workshop', 'warehouse'];
const MAX_COMMUNITY_NAMES = 400;

export const streetCode = (index: number) => `ST${String(index + 1).padStart(2, '0')}`;
export const communityCode = (index: number, n: number) => `${streetCode(index)}-C${n}`;
export const gridCode = (index: number, n: number) => `${streetCode(index)}-G${String(n).padStart(2, '0')}`;

function streetName(index: number): string {
  const word = STREET_WORDS[index % STREET_WORDS.length]!;
  const round = Math.floor(index / STREET_WORDS.length);
  return `${word}${round ? round + 1 : ''}街道`;
}

/** Street `index` (0-based) of the demo district: the same data for the same index, always. */
export function generateStreet(index: number): DemoStreet {
  const prng = new Prng(0x5eed + index * 7919);
  const layout = new StreetLayout(index, prng);
  const streetId = prng.uuid();
  const code = streetCode(index);
  const communityNameList = communityNames(new Prng(42), MAX_COMMUNITY_NAMES);
  const roads = roadNames(prng, COLS + 1 + ROWS);
  const out: DemoStreet = {
    street: { id: streetId, code, name: streetName(index), area: outline(layout) },
    communities: [],
    grids: [],
    compounds: [],
    buildings: [],
    households: [],
    persons: [],
    sites: [],
    shelters: [],
    departments: [],
    basemap: [],
  };

  // communities and grids
  let g = 0;
  const gridCells = new Map<string, Cell[]>();
  const dedicatedOf = new Map<string, Dedicated>();
  COMMUNITY_SIZES.forEach((size, c) => {
    const communityId = prng.uuid();
    const name = `${communityNameList[(index * DEMO.communities + c) % MAX_COMMUNITY_NAMES]}社区`;
    const polygons: Area[] = [];
    for (let k = 0; k < size; k++, g++) {
      const plan = GRID_PLAN[g]!;
      const area = layout.polygon(plan.row, plan.cols[0], plan.cols[1]);
      polygons.push(area);
      const id = prng.uuid();
      const gridName = plan.dedicated
        ? { enterprise: '产业园专属网格', market: '农贸市场专属网格', school: '育才学校专属网格' }[plan.dedicated]
        : `${name}第${k + 1}网格`;
      out.grids.push({
        id,
        streetId,
        communityId,
        code: gridCode(index, g + 1),
        name: gridName,
        type: plan.dedicated ? 'dedicated' : 'comprehensive',
        area,
        ...gridBounds(area),
        households: 0,
        leaderName: personName(prng),
        leaderPhone: mobile(prng),
      });
      const cells: Cell[] = [];
      for (let col = plan.cols[0]; col <= plan.cols[1]; col++) cells.push(layout.cell(col, plan.row));
      gridCells.set(id, cells);
      if (plan.dedicated) dedicatedOf.set(id, plan.dedicated);
    }
    out.communities.push({
      id: communityId,
      streetId,
      code: communityCode(index, c + 1),
      name,
      area: { type: 'MultiPolygon', coordinates: polygons.map((p) => (p.type === 'Polygon' ? p.coordinates : [])) },
    });
  });

  // compounds and buildings
  const compoundNameList = compoundNames(prng, 200);
  const buildingsPerGrid = allocateBuildings(prng, out.grids, dedicatedOf);
  let compoundNo = 0;
  for (const grid of out.grids) {
    const cells = gridCells.get(grid.id)!;
    const dedicated = dedicatedOf.get(grid.id);
    const slots = compoundSlots(cells, dedicated ? 1 : cells.length * prng.int(3, 4));
    const counts = split(buildingsPerGrid.get(grid.id)!, slots.length);
    slots.forEach((slot, k) => {
      const compoundId = prng.uuid();
      const name = dedicated
        ? { enterprise: '光谷产业园', market: '惠民农贸市场', school: '育才学校教职工宿舍' }[dedicated]
        : compoundNameList[compoundNo++]!;
      const address = `${roads[slot.cell.row]}${prng.int(1, 300)}号`;
      out.compounds.push({
        id: compoundId,
        streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        name,
        address,
        area: patch(slot.cell, ...slot.uv),
      });
      buildingPositions(prng, slot.cell, slot.uv, counts[k]!).forEach((p, n) => {
        const floors = buildingFloors(prng);
        out.buildings.push({
          id: prng.uuid(),
          streetId,
          communityId: grid.communityId,
          gridId: grid.id,
          compoundId,
          name: `${name}${n + 1}栋`,
          address: `${address}${name}${n + 1}栋`,
          lat: p[1],
          lng: p[0],
          floors,
          households: 0,
          leaderName: personName(prng),
          leaderPhone: mobile(prng),
          footprint: footprint(p, prng),
        });
      });
    });
  }

  addHouseholds(prng, out);
  addSites(prng, out, gridCells, dedicatedOf, roads);
  addShelters(prng, out, gridCells, dedicatedOf);
  for (const d of DEPARTMENTS) out.departments.push({ id: prng.uuid(), streetId, ...d, dutyPhone: landline(prng) });
  addBasemap(prng, out, layout, roads, STREET_WORDS[index % STREET_WORDS.length]!);
  return out;
}

function outline(layout: StreetLayout): Area {
  const v = layout.vertices;
  const ring: Pos[] = [
    ...v.map((col) => col[0]!),
    ...v[COLS]!.slice(1),
    ...v
      .map((col) => col[ROWS]!)
      .reverse()
      .slice(1),
    ...v[0]!.slice(0, ROWS).reverse(),
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** Dedicated grids hold a few buildings; the comprehensive ones share the rest evenly. */
function allocateBuildings(
  prng: Prng,
  grids: Row<GridEntity>[],
  dedicatedOf: Map<string, Dedicated>,
): Map<string, number> {
  const plan = new Map<string, number>();
  const DEDICATED = { enterprise: 6, market: 6, school: 3 };
  let left: number = DEMO.buildings;
  for (const [id, d] of dedicatedOf) {
    plan.set(id, DEDICATED[d]);
    left -= DEDICATED[d];
  }
  const comprehensive = prng.shuffle(grids.filter((g) => !dedicatedOf.has(g.id)));
  split(left, comprehensive.length).forEach((n, i) => plan.set(comprehensive[i]!.id, n));
  return plan;
}

/** n split into k near-equal parts. */
function split(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

type UV = [number, number, number, number];
/** Compounds as quadrants of a grid's cells, clear of the roads and of the riverside park. */
function compoundSlots(cells: Cell[], count: number): { cell: Cell; uv: UV }[] {
  const slots: { cell: Cell; uv: UV }[] = [];
  for (const cell of cells) {
    const v0 = cell.row === RIVER_LINE ? 0.16 : 0.08;
    const v1 = cell.row === RIVER_LINE - 1 ? 0.84 : 0.92;
    const vm = (v0 + v1) / 2;
    const quads: UV[] = [
      [0.08, v0, 0.47, vm - 0.03],
      [0.53, v0, 0.92, vm - 0.03],
      [0.53, vm + 0.03, 0.92, v1],
      [0.08, vm + 0.03, 0.47, v1],
    ];
    for (const uv of quads) slots.push({ cell, uv });
  }
  if (count === 1) return [{ cell: cells[0]!, uv: [0.1, 0.1, 0.9, cells[0]!.row === RIVER_LINE - 1 ? 0.84 : 0.9] }];
  // spread the chosen quadrants over the cells
  return slots.filter((_, i) => i % 4 < Math.ceil(count / cells.length)).slice(0, count);
}

function buildingPositions(prng: Prng, cell: Cell, [u0, v0, u1, v1]: UV, n: number): Pos[] {
  const cols = Math.max(1, Math.ceil(Math.sqrt(n * 1.5)));
  const rows = Math.max(1, Math.ceil(n / cols));
  const out: Pos[] = [];
  for (let k = 0; k < n; k++) {
    const c = k % cols;
    const r = Math.floor(k / cols);
    const u = u0 + ((c + 0.5) / cols) * (u1 - u0) + prng.between(-0.01, 0.01);
    const v = v0 + ((r + 0.5) / rows) * (v1 - v0) + prng.between(-0.01, 0.01);
    out.push(at(cell, u, v));
  }
  return out;
}

/** Mostly old low-rise blocks and self-built houses, some mid-rise: ~11.5 households a building. */
function buildingFloors(prng: Prng): number {
  const r = prng.next();
  if (r < 0.55) return prng.int(2, 4);
  if (r < 0.9) return prng.int(5, 7);
  return prng.int(8, 12);
}

/** Exactly DEMO.households households, spread over the buildings in proportion to their size. */
function addHouseholds(prng: Prng, out: DemoStreet): void {
  const slots = out.buildings.map((b) => {
    const units = prng.chance(0.3) ? 2 : 1;
    const list: { unit: string; room: string }[] = [];
    for (let f = 1; f <= b.floors; f++)
      for (let u = 1; u <= units; u++) for (let d = 1; d <= 2; d++) list.push({ unit: String(u), room: `${f}0${d}` });
    return list;
  });
  const capacity = slots.reduce((s, l) => s + l.length, 0);
  const ratio = Math.min(1, DEMO.households / capacity);
  const counts = slots.map((l) => Math.floor(l.length * ratio));
  // the rounding remainder goes, one each, to buildings with a free flat
  let missing = Math.min(capacity, DEMO.households) - counts.reduce((a, b) => a + b, 0);
  for (const i of prng.shuffle(slots.map((_, i) => i))) {
    if (missing === 0) break;
    if (counts[i]! < slots[i]!.length) {
      counts[i]!++;
      missing--;
    }
  }
  out.buildings.forEach((b, i) => {
    for (const slot of prng.shuffle(slots[i]!).slice(0, counts[i])) addHousehold(prng, out, b, slot);
    b.households = counts[i]!;
  });
  const grids = new Map(out.grids.map((g) => [g.id, g]));
  for (const b of out.buildings) grids.get(b.gridId)!.households += b.households;
}

const THIS_YEAR = 2026;
function addHousehold(prng: Prng, out: DemoStreet, b: Row<BuildingEntity>, slot: { unit: string; room: string }): void {
  const householdId = prng.uuid();
  const r = prng.next();
  const size = r < 0.25 ? 1 : r < 0.55 ? 2 : r < 0.8 ? 3 : r < 0.95 ? 4 : 5;
  const headYear = prng.int(1938, 1996);
  const members: { name: string; year: number; female: boolean; phone: string | null }[] = [];
  const headFemale = prng.chance(0.45);
  members.push({ name: personName(prng), year: headYear, female: headFemale, phone: mobile(prng) });
  if (size >= 2)
    members.push({
      name: personName(prng),
      year: headYear + prng.int(-4, 4),
      female: !headFemale,
      phone: mobile(prng),
    });
  for (let k = 2; k < size; k++) {
    const year = Math.min(THIS_YEAR - 1, headYear + prng.int(22, 34));
    members.push({
      name: personName(prng),
      year,
      female: prng.chance(0.5),
      phone: THIS_YEAR - year >= 16 ? mobile(prng) : null,
    });
  }
  const head = members[0]!;
  out.households.push({
    id: householdId,
    streetId: b.streetId,
    communityId: b.communityId,
    gridId: b.gridId,
    buildingId: b.id,
    unit: slot.unit,
    room: slot.room,
    headName: head.name,
    phone: head.phone,
    personCount: size,
  });
  for (const m of members) {
    const tags: string[] = [];
    if (size === 1 && THIS_YEAR - m.year >= 70) tags.push('独居老人');
    if (prng.chance(0.03)) tags.push('残疾人');
    if (prng.chance(0.02)) tags.push('低保户');
    out.persons.push({
      id: prng.uuid(),
      streetId: b.streetId,
      communityId: b.communityId,
      gridId: b.gridId,
      buildingId: b.id,
      householdId,
      name: m.name,
      phone: m.phone,
      idNumber: idNumber(prng, m.year, m.female),
      birthYear: m.year,
      tags,
    });
  }
}

function addSites(
  prng: Prng,
  out: DemoStreet,
  gridCells: Map<string, Cell[]>,
  dedicatedOf: Map<string, Dedicated>,
  roads: string[],
): void {
  const byDedication = (d: Dedicated) => out.grids.find((g) => dedicatedOf.get(g.id) === d)!;
  const comprehensive = out.grids.filter((g) => !dedicatedOf.has(g.id));
  const buildingsOf = new Map<string, Row<BuildingEntity>[]>();
  for (const b of out.buildings) buildingsOf.set(b.gridId, [...(buildingsOf.get(b.gridId) ?? []), b]);
  for (const [type, count, suffixes] of SITE_MIX) {
    for (let k = 0; k < count; k++) {
      const grid =
        type === 'school' && k === 0
          ? byDedication('school')
          : type === 'market' && k === 0
            ? byDedication('market')
            : type === 'enterprise' && k < 15
              ? byDedication('enterprise')
              : prng.pick(comprehensive);
      const cell = prng.pick(gridCells.get(grid.id)!);
      // shops and eateries sit on the ground floor of a building half of the time
      const host =
        ['shop', 'restaurant', 'food_business'].includes(type) && prng.chance(0.5)
          ? prng.pick(buildingsOf.get(grid.id) ?? [])
          : undefined;
      const p: Pos = host ? [host.lng, host.lat] : at(cell, prng.between(0.06, 0.94), prng.between(0.06, 0.94));
      const grade =
        type === 'food_business'
          ? prng.pick(['A', 'B', 'B', 'C', 'C'])
          : GRADE_A.includes(type)
            ? 'A'
            : GRADE_B.includes(type)
              ? 'B'
              : 'C';
      out.sites.push({
        id: prng.uuid(),
        streetId: grid.streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        buildingId: host?.id ?? null,
        name: `${shopPrefix(prng)}${prng.pick(suffixes)}`,
        type,
        nineSmall: NINE_SMALL.includes(type),
        grade,
        address: host ? host.address : `${roads[cell.row]}${prng.int(1, 300)}号`,
        lat: p[1],
        lng: p[0],
        contactName: personName(prng),
        contactPhone: mobile(prng),
      });
    }
  }
}

function addShelters(
  prng: Prng,
  out: DemoStreet,
  gridCells: Map<string, Cell[]>,
  dedicatedOf: Map<string, Dedicated>,
): void {
  const school = out.grids.find((g) => dedicatedOf.get(g.id) === 'school')!;
  // the school gym, and community service centres of different communities, away from the river first
  const awayFromRiver = (g: Row<GridEntity>) => ([0, ROWS - 1].includes(gridCells.get(g.id)![0]!.row) ? 0 : 1);
  const others = prng
    .shuffle(out.grids.filter((g) => !dedicatedOf.has(g.id) && g.communityId !== school.communityId))
    .sort((a, b) => awayFromRiver(a) - awayFromRiver(b));
  const communities = new Map(out.communities.map((c) => [c.id, c]));
  const chosen = [
    school,
    ...others
      .filter((g, i, a) => a.findIndex((o) => o.communityId === g.communityId) === i)
      .slice(0, DEMO.shelters - 1),
  ];
  for (const grid of chosen) {
    const p = at(gridCells.get(grid.id)![0]!, 0.5, 0.5);
    const isSchool = grid.id === school.id;
    out.shelters.push({
      id: prng.uuid(),
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      name: isSchool ? '育才学校体育馆避险安置点' : `${communities.get(grid.communityId)!.name}党群服务中心避险安置点`,
      address: isSchool ? '育才学校内' : `${communities.get(grid.communityId)!.name}党群服务中心`,
      lat: p[1],
      lng: p[0],
      capacity: isSchool ? 800 : prng.int(15, 40) * 10,
      occupancy: 0,
      contactName: personName(prng),
      contactPhone: mobile(prng),
    });
  }
}

function addBasemap(prng: Prng, out: DemoStreet, layout: StreetLayout, roads: string[], riverWord: string): void {
  const streetId = out.street.id;
  const feature = (kind: string, name: string | null, geometry: Row<BasemapFeatureEntity>['geometry']) =>
    out.basemap.push({ id: prng.uuid(), streetId, kind, name, geometry });
  const { horizontal, vertical } = layout.roads();
  horizontal.forEach((line, k) => feature('road', roads[k]!, { type: 'LineString', coordinates: line }));
  vertical.forEach((line, k) => feature('road', roads[ROWS + k]!, { type: 'LineString', coordinates: line }));
  feature('river', `${riverWord}河`, { type: 'LineString', coordinates: layout.river(prng) });
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const cell = layout.cell(c, r);
      feature('block', null, patch(cell, 0.04, 0.04, 0.96, 0.96));
      // a riverside greenway on both banks
      if (r === RIVER_LINE - 1) feature('park', '滨河绿道', patch(cell, 0.06, 0.87, 0.94, 0.97));
      if (r === RIVER_LINE) feature('park', '滨河绿道', patch(cell, 0.06, 0.03, 0.94, 0.13));
    }
  }
}
