import type { TestApp } from './app';
import type { StreetFixture, TestUser } from './factories';
import { api, type Cast, createCast } from './incidents';

/** A street ready for flood tests: one user of every role, two shelters, and helpers to add places. */
export interface FloodFixture {
  s: StreetFixture;
  cast: Cast;
  /** shelters[0] in grid 0 (capacity 4), shelters[1] in grid 2 (capacity 200) */
  shelters: { id: string; name: string; capacity: number }[];
  building(grid: number, at?: { lat: number; lng: number }): Promise<{ id: string; lat: number; lng: number }>;
  household(
    grid: number,
    over?: Record<string, unknown> & { at?: { lat: number; lng: number } },
  ): Promise<{ id: string; buildingId: string; cardCode: string; personCount: number; version: number }>;
}

let seq = 0;

/** The middle of grid `g` of createStreet's squares (0.01° side, side by side from lng 114.3, lat 30.5). */
export function gridCentre(s: StreetFixture, g: number) {
  const grid = s.grids[g]!;
  return { lat: (grid.minLat + grid.maxLat) / 2, lng: (grid.minLng + grid.maxLng) / 2 };
}

export async function floodFixture(t: TestApp, s: StreetFixture, prefix: string): Promise<FloodFixture> {
  const cast = await createCast(t, s, prefix);
  const admin = api(t, cast.admin);
  const shelters: FloodFixture['shelters'] = [];
  for (const [g, capacity] of [
    [0, 4],
    [2, 200],
  ] as const) {
    const r = await admin.post('/api/geo/shelters', {
      name: `${prefix}安置点${g}`,
      ...gridCentre(s, g),
      capacity,
      contactName: '王管理',
      contactPhone: '13700001111',
    });
    if (r.status !== 201) throw new Error(`shelter: ${r.status} ${JSON.stringify(r.body)}`);
    shelters.push({ id: r.body.id as string, name: r.body.name as string, capacity });
  }
  const building = async (grid: number, at?: { lat: number; lng: number }) => {
    const p = at ?? gridCentre(s, grid);
    const r = await admin.post('/api/geo/buildings', { name: `${prefix}楼${++seq}`, ...p, floors: 3 });
    if (r.status !== 201) throw new Error(`building: ${r.status} ${JSON.stringify(r.body)}`);
    return { id: r.body.id as string, lat: p.lat, lng: p.lng };
  };
  const household = async (
    grid: number,
    over: Record<string, unknown> & { at?: { lat: number; lng: number } } = {},
  ) => {
    const { at, ...rest } = over;
    const b = await building(grid, at);
    const r = await admin.post('/api/flood/households', {
      buildingId: b.id,
      unit: '1',
      room: `10${++seq}`,
      headName: '张三丰',
      phone: '13812345678',
      idNumber: '420102199001011234',
      personCount: 2,
      vulnerable: ['elderly'],
      riskType: 'low_lying',
      cadreName: '李包保',
      cadrePhone: '13911112222',
      shelterId: shelters[grid >= 2 ? 1 : 0]!.id,
      ...rest,
    });
    if (r.status !== 201) throw new Error(`register household: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { s, cast, shelters, building, household };
}

/** Issues a warning as `u` and answers the HTTP result. */
export function issue(t: TestApp, u: TestUser, body: Record<string, unknown>) {
  return api(t, u).post('/api/flood/warnings', {
    type: 'rainstorm',
    level: 'orange',
    message: '强降雨，请立即转移',
    ...body,
  });
}

/** The warning's tasks as the admin sees them, by register household id. */
export async function tasksOf(t: TestApp, admin: TestUser, warningId: string) {
  const r = await api(t, admin).get(`/api/flood/tasks?warningId=${warningId}&limit=1000`);
  if (r.status !== 200) throw new Error(`tasks: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as {
    id: string;
    version: number;
    state: string;
    floodHouseholdId: string;
    gridId: string;
    people: number | null;
    shelterId: string | null;
  }[];
}

/** Posts a task action with the task's current version. */
export async function taskAct(t: TestApp, u: TestUser, admin: TestUser, taskId: string, action: string, body = {}) {
  const cur = await api(t, admin).get(`/api/flood/tasks/${taskId}`);
  return api(t, u).post(`/api/flood/tasks/${taskId}/actions/${action}`, { version: cur.body.version, ...body });
}

/** Posts a warning action with the warning's current version. */
export async function warningAct(t: TestApp, u: TestUser, admin: TestUser, id: string, action: string, body = {}) {
  const cur = await api(t, admin).get(`/api/flood/warnings/${id}`);
  return api(t, u).post(`/api/flood/warnings/${id}/actions/${action}`, { version: cur.body.version, ...body });
}

export { createCast };
