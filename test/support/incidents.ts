import {
  type IncidentAction,
  type IncidentState,
  ROLES,
  type Role,
  SUMMONS_STATES,
  type SummonsAction,
  type SummonsState,
  type WhistleAction,
} from '@gridboard/shared';
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

export interface Targets {
  departmentIds: string[];
  gridId: string | null;
}

/** A body each incident action accepts, besides `version`; dispatches go to `targets`. */
export function actionPayload(action: string, targets: Targets): Record<string, unknown> {
  const payloads: Record<IncidentAction, Record<string, unknown>> = {
    accept: {},
    dispatch: { targets },
    redispatch: { targets, reason: '改派到正确部门' },
    return: { reason: '不属本部门职责' },
    start: {},
    resolve: { result: '已处置完毕' },
    verify: { rating: 'satisfied' },
    reopen: { note: '居民反映仍未解决' },
    close: {},
    supervise: { note: '请加快办理' },
  };
  const p = payloads[action as IncidentAction];
  if (!p) throw new Error(`no payload for incident action ${action}`);
  return p;
}

/**
 * The actions that bring a fresh incident to a state, and who takes each: `owner` accepts it
 * (首接首办), the duty officer dispatches, verifies and closes, the department handles it.
 */
export const INCIDENT_PATHS: Record<IncidentState, [IncidentAction, Role | 'owner'][]> = {
  reported: [],
  accepted: [['accept', 'owner']],
  dispatched: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
  ],
  returned: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
    ['return', 'dept_staff'],
  ],
  in_progress: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
    ['start', 'dept_staff'],
  ],
  resolved: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
    ['start', 'dept_staff'],
    ['resolve', 'dept_staff'],
  ],
  verified: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
    ['start', 'dept_staff'],
    ['resolve', 'dept_staff'],
    ['verify', 'duty_officer'],
  ],
  closed: [
    ['accept', 'owner'],
    ['dispatch', 'duty_officer'],
    ['start', 'dept_staff'],
    ['resolve', 'dept_staff'],
    ['verify', 'duty_officer'],
    ['close', 'duty_officer'],
  ],
};

/**
 * Takes a reported incident to `state` along INCIDENT_PATHS, each step as the user `as` gives for
 * its role; throws naming the step that was refused. Answers the incident as the last step left it.
 */
export async function bringTo(
  t: TestApp,
  reported: { id: string; version: number },
  state: IncidentState,
  targets: Targets,
  as: (who: Role | 'owner') => { token: string },
): Promise<any> {
  let incident: any = reported;
  for (const [action, who] of INCIDENT_PATHS[state]) {
    const r = await http(t.url, as(who).token).post(`/api/incidents/${incident.id}/actions/${action}`, {
      version: incident.version,
      ...actionPayload(action, targets),
    });
    if (r.status !== 200) throw new Error(`${action} as ${who}: ${r.status} ${JSON.stringify(r.body)}`);
    incident = r.body.incident;
  }
  return incident;
}

/** A body each whistle action accepts, besides `version`. */
export const WHISTLE_PAYLOADS: Record<WhistleAction | string, Record<string, unknown>> = {
  raise: { reason: '升级' },
  confirm: {},
  cancel: { reason: '误报' },
};
/** A body each summons action accepts, besides the summons' `version`. */
export const SUMMONS_PAYLOADS: Record<SummonsAction | string, Record<string, unknown>> = {
  acknowledge: {},
  arrive: {},
  report: { result: '已处置' },
};

/**
 * Takes summons `index` of a whistle to `state` (签收 → 报到 → 反馈) as department staff `u` of the
 * summoned department; answers the whistle as the last step left it.
 */
export async function bringSummons(
  t: TestApp,
  whistle: any,
  state: SummonsState,
  u: { token: string },
  index = 0,
): Promise<any> {
  let w = whistle;
  const actions = (['acknowledge', 'arrive', 'report'] as const).slice(0, SUMMONS_STATES.indexOf(state));
  for (const action of actions) {
    const sm = w.summons[index];
    const r = await http(t.url, u.token).post(`/api/whistles/${w.id}/summons/${sm.id}/actions/${action}`, {
      version: sm.version,
      ...SUMMONS_PAYLOADS[action],
    });
    if (r.status !== 200) throw new Error(`summons ${action}: ${r.status} ${JSON.stringify(r.body)}`);
    w = r.body.whistle;
  }
  return w;
}
