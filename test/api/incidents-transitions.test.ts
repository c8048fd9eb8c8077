import { INCIDENT_STATES, type IncidentState, incidentWorkflow, ROLES, type Role } from '@gridboard/shared';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import { actionPayload, api, bringTo, type Cast, createCast, newIncident } from '../support/incidents';

/**
 * Table-driven from the shared workflow: every transition, from every state it allows, tried by
 * every role (allowed → 200 and the new state; forbidden → 403 `errors.role_not_allowed`, or 404
 * when the role cannot even see the item), and from every state it does not allow (→ 409).
 */
describe('incident transitions, per the shared workflow', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let targets: { departmentIds: string[]; gridId: string };

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'TRN');
    cast = await createCast(t, s, 'trn');
    // Dispatched to a department and to the grid, so every handler role is assigned.
    targets = { departmentIds: [s.departments[0]!.id], gridId: s.grids[0]!.id };
  });
  afterAll(() => t.close());

  const accepts = incidentWorkflow.transitions.find((x) => x.action === 'accept')!.roles;

  /** A new incident in `state`, accepted by `owner` when that role may accept (so it owns it). */
  async function bring(state: IncidentState, owner: Role = 'duty_officer'): Promise<{ id: string; version: number }> {
    const created = await api(t, cast.grid_worker).post('/api/incidents', newIncident(s));
    expect(created.status).toBe(201);
    const owns = accepts.includes(owner) ? owner : 'duty_officer';
    return bringTo(t, created.body.incident, state, targets, (who) => cast[who === 'owner' ? owns : who]);
  }

  /** Department staff see only items currently dispatched to their department. */
  const sees = (role: Role, state: IncidentState) =>
    role !== 'dept_staff' || !['reported', 'accepted', 'returned'].includes(state);

  const byRole = incidentWorkflow.transitions.flatMap((tr) =>
    tr.from.flatMap((from) => ROLES.map((role) => [tr.action, from, role, tr.roles.includes(role)] as const)),
  );

  describe.each(incidentWorkflow.transitions.map((tr) => [tr.action, tr] as const))('%s', (action, tr) => {
    const forbidden = new Map<IncidentState, { id: string; version: number }>();

    it.each(byRole.filter(([a, , , ok]) => a === action && ok).map(([, from, role]) => [from, role] as const))(
      'from %s, %s may: 200',
      async (from, role) => {
        const i = await bring(from, role);
        const r = await api(t, cast[role]).post(`/api/incidents/${i.id}/actions/${action}`, {
          version: i.version,
          ...actionPayload(action, targets),
        });
        expect([r.status, r.body.code]).toEqual([200, undefined]);
        expect(r.body.incident.state).toBe(tr.to ?? from);
        expect(r.body.incident.version).toBe(i.version + 1);
        expect(r.body.step).toMatchObject({ action, fromState: from, toState: tr.to ?? from, actorRole: role });
      },
    );

    it.each(byRole.filter(([a, , , ok]) => a === action && !ok).map(([, from, role]) => [from, role] as const))(
      'from %s, %s may not: 403 role_not_allowed (404 out of sight)',
      async (from, role) => {
        if (!forbidden.has(from)) forbidden.set(from, await bring(from));
        const i = forbidden.get(from)!;
        const r = await api(t, cast[role]).post(`/api/incidents/${i.id}/actions/${action}`, {
          version: i.version,
          ...actionPayload(action, targets),
        });
        if (sees(role, from)) expect([r.status, r.body.code]).toEqual([403, 'errors.role_not_allowed']);
        else expect([r.status, r.body.code]).toEqual([404, 'errors.not_found']);
      },
    );

    const wrongStates = INCIDENT_STATES.filter((st) => !tr.from.includes(st));
    if (wrongStates.length) {
      it.each(wrongStates)('from %s: 409 transition_not_allowed', async (state) => {
        const i = await bring(state);
        // A role the transition allows and that sees the item in this state.
        const role = tr.roles.find((r) => sees(r, state))!;
        const r = await api(t, cast[role]).post(`/api/incidents/${i.id}/actions/${action}`, {
          version: i.version,
          ...actionPayload(action, targets),
        });
        expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
      });
    }
  });
});
