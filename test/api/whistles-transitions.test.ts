import {
  ROLES,
  type Role,
  SUMMONS_STATES,
  type SummonsState,
  summonsWorkflow,
  WHISTLE_STATES,
  type WhistleState,
  whistleWorkflow,
} from '@gridboard/shared';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import {
  api,
  bringSummons,
  type Cast,
  createCast,
  newIncident,
  SUMMONS_PAYLOADS,
  WHISTLE_PAYLOADS,
} from '../support/incidents';

/**
 * Table-driven from the shared whistle and summons workflows: every transition from every state it
 * allows, by every role (200, or 403 `errors.role_not_allowed`), and from every other state (409).
 */
describe('whistle and summons transitions, per the shared workflows', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'WTR');
    cast = await createCast(t, s, 'wtr');
  });
  afterAll(() => t.close());

  async function post(role: Role, path: string, body: object) {
    return api(t, cast[role]).post(path, body);
  }

  /** A whistle (blown by the grid leader, summoning department 0) with its summons in `summons`. */
  async function blown(summons: SummonsState = 'summoned') {
    const inc = (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s))).body.incident;
    const r = await post('grid_leader', '/api/whistles', {
      incidentId: inc.id,
      reason: '需部门到场',
      departments: [{ departmentId: s.departments[0]!.id }],
    });
    expect(r.status).toBe(201);
    return bringSummons(t, r.body.whistle, summons, cast.dept_staff);
  }

  async function whistleIn(state: WhistleState, forAction = '') {
    const w = await blown(state === 'closed' || forAction === 'confirm' ? 'reported' : 'summoned');
    if (state === 'open') return w;
    const action = state === 'closed' ? 'confirm' : 'cancel';
    const r = await post('duty_officer', `/api/whistles/${w.id}/actions/${action}`, {
      version: w.version,
      ...WHISTLE_PAYLOADS[action],
    });
    expect(r.status).toBe(200);
    return r.body.whistle;
  }

  describe.each(whistleWorkflow.transitions.map((tr) => [tr.action, tr] as const))('whistle %s', (action, tr) => {
    let shared: { id: string; version: number } | undefined;

    it.each(ROLES.filter((r) => tr.roles.includes(r)))('%s may: 200', async (role) => {
      const w = await whistleIn('open', action);
      const r = await post(role, `/api/whistles/${w.id}/actions/${action}`, {
        version: w.version,
        ...WHISTLE_PAYLOADS[action],
      });
      expect([r.status, r.body.code]).toEqual([200, undefined]);
      expect(r.body.whistle.state).toBe(tr.to ?? 'open');
      expect(r.body.step).toMatchObject({ action, actorRole: role });
    });

    it.each(ROLES.filter((r) => !tr.roles.includes(r)))('%s may not: 403 role_not_allowed', async (role) => {
      const w = (shared ??= await whistleIn('open', action));
      const r = await post(role, `/api/whistles/${w.id}/actions/${action}`, {
        version: w.version,
        ...WHISTLE_PAYLOADS[action],
      });
      expect([r.status, r.body.code]).toEqual([403, 'errors.role_not_allowed']);
    });

    it.each(WHISTLE_STATES.filter((st) => !tr.from.includes(st)))(
      'from %s: 409 transition_not_allowed',
      async (state) => {
        const w = await whistleIn(state);
        const r = await post(tr.roles[0]!, `/api/whistles/${w.id}/actions/${action}`, {
          version: w.version,
          ...WHISTLE_PAYLOADS[action],
        });
        expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
      },
    );
  });

  describe.each(summonsWorkflow.transitions.map((tr) => [tr.action, tr] as const))('summons %s', (action, tr) => {
    const shared = new Map<SummonsState, { id: string; summons: { id: string; version: number }[] }>();
    const cases = tr.from.flatMap((from) => ROLES.map((role) => [from, role, tr.roles.includes(role)] as const));

    it.each(cases.filter(([, , ok]) => ok).map(([from, role]) => [from, role] as const))(
      'from %s, %s of the summoned department may: 200',
      async (from, role) => {
        const w = await blown(from);
        const sm = w.summons[0];
        const r = await post(role, `/api/whistles/${w.id}/summons/${sm.id}/actions/${action}`, {
          version: sm.version,
          ...SUMMONS_PAYLOADS[action],
        });
        expect([r.status, r.body.code]).toEqual([200, undefined]);
        expect(r.body.whistle.summons[0].state).toBe(tr.to);
      },
    );

    it.each(cases.filter(([, , ok]) => !ok).map(([from, role]) => [from, role] as const))(
      'from %s, %s may not: 403 role_not_allowed',
      async (from, role) => {
        if (!shared.has(from)) shared.set(from, await blown(from));
        const w = shared.get(from)!;
        const sm = w.summons[0]!;
        const r = await post(role, `/api/whistles/${w.id}/summons/${sm.id}/actions/${action}`, {
          version: sm.version,
          ...SUMMONS_PAYLOADS[action],
        });
        expect([r.status, r.body.code]).toEqual([403, 'errors.role_not_allowed']);
      },
    );

    it.each(SUMMONS_STATES.filter((st) => !tr.from.includes(st)))(
      'from %s: 409 transition_not_allowed',
      async (state) => {
        const w = await blown(state);
        const sm = w.summons[0];
        const r = await post('dept_staff', `/api/whistles/${w.id}/summons/${sm.id}/actions/${action}`, {
          version: sm.version,
          ...SUMMONS_PAYLOADS[action],
        });
        expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
      },
    );
  });
});
