import { ROLES, type Role } from '@gridboard/shared';
import type { TestApp } from './app';
import { createUser, type StreetFixture, type TestUser } from './factories';
import { http } from './http';

export type Cast = Record<Role, TestUser>;

/**
 * One user of every role on a street: street-wide roles, community staff of community 0, grid
 * leader and worker of grid 0, department staff of department 0, and a district admin.
 */
export async function createCast(t: TestApp, s: StreetFixture, prefix: string): Promise<Cast> {
  const street = { kind: 'street' as const, streetId: s.street.id };
  const scopes = {
    admin: { kind: 'district' as const },
    leader: street,
    duty_officer: street,
    drill_coordinator: street,
    display: street,
    community_staff: { kind: 'communities' as const, streetId: s.street.id, communityIds: [s.communities[0]!.id] },
    grid_leader: { kind: 'grids' as const, streetId: s.street.id, gridIds: [s.grids[0]!.id] },
    grid_worker: { kind: 'grids' as const, streetId: s.street.id, gridIds: [s.grids[0]!.id] },
    dept_staff: { kind: 'department' as const, streetId: s.street.id, departmentId: s.departments[0]!.id },
  };
  const cast = {} as Cast;
  for (const role of ROLES) cast[role] = await createUser(t, `${prefix}-${role}`, role, scopes[role]);
  return cast;
}

/** The middle of a grid square made by createStreet. */
export function pointIn(s: StreetFixture, grid: number): { lat: number; lng: number } {
  const g = s.grids[grid]!;
  return { lat: (g.minLat + g.maxLat) / 2, lng: (g.minLng + g.maxLng) / 2 };
}

export function newIncident(s: StreetFixture, over: Record<string, unknown> = {}) {
  return {
    source: 'grid_patrol',
    category: 'noise',
    severity: 'medium',
    title: '楼道深夜噪音',
    description: '3 号楼 2 单元夜间装修，居民反映噪音扰民',
    location: { ...pointIn(s, 0), address: '幸福路 3 号楼' },
    reporterName: '张三丰',
    reporterPhone: '13812345678',
    ...over,
  };
}

export function api(t: TestApp, u: TestUser, lang = 'zh-CN') {
  return http(t.url, u.token, lang);
}

/** The incident as an all-seeing admin reads it. */
export async function read(t: TestApp, admin: TestUser, id: string) {
  const r = await api(t, admin).get(`/api/incidents/${id}`);
  if (r.status !== 200) throw new Error(`GET incident ${id}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Posts an action as `u` with the incident's current version (read by `admin`). */
export async function act(
  t: TestApp,
  admin: TestUser,
  u: TestUser,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
) {
  const { version } = await read(t, admin, id);
  return api(t, u).post(`/api/incidents/${id}/actions/${action}`, { version, ...body });
}
