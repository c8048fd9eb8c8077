import {
  FLOOD_WARNING_STATES,
  type FloodWarningState,
  floodWarningWorkflow,
  hasPermission,
  ROLES,
  type Role,
  TRANSFER_STATES,
  type TransferState,
  transferWorkflow,
} from '@gridboard/shared';
import { startApp, type TestApp } from '../support/app';
import { createStreet } from '../support/factories';
import { type FloodFixture, floodFixture, issue, taskAct, tasksOf, warningAct } from '../support/flood';
import { api } from '../support/incidents';

/**
 * Table-driven from the shared transfer and warning workflows: every transition from every state it
 * allows, by every role (200; 403 for the others — `errors.forbidden` from the route's permission,
 * `errors.role_not_allowed` from the workflow), and from every other state (409).
 */
describe('transfer task and warning transitions, per the shared workflows', () => {
  let t: TestApp;
  let fx: FloodFixture;

  beforeAll(async () => {
    t = await startApp();
    fx = await floodFixture(t, await createStreet(t, 'FTR'), 'ftr');
  });
  afterAll(() => t.close());

  const payload: Record<string, object> = {
    notify: {},
    move: {},
    shelter: { people: 2 },
    self_arrange: { people: 2 },
    refuse: { reason: '坚持留守' },
    return: {},
  };
  const body = (action: string) =>
    action === 'shelter' ? { ...payload.shelter, shelterId: fx.shelters[1]!.id } : payload[action]!;
  /** How to reach each state from pending (lifting the warning before `returned`). */
  const PATH: Record<TransferState, string[]> = {
    pending: [],
    notified: ['notify'],
    moving: ['move'],
    sheltered: ['shelter'],
    self_arranged: ['self_arrange'],
    refused: ['refuse'],
    returned: ['return'],
  };

  /** A task (of a household in grid 0, a warning of its own) in `state`; the warning lifted if `lifted`. */
  async function taskIn(state: TransferState, lifted: boolean) {
    const h = await fx.household(0);
    const w = (await issue(t, fx.cast.duty_officer, { scope: { kind: 'grids', gridIds: [fx.s.grids[0]!.id] } })).body
      .warning;
    const task = (await tasksOf(t, fx.cast.admin, w.id)).find((x) => x.floodHouseholdId === h.id)!;
    for (const action of PATH[state]) {
      if (action === 'return') await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'lift');
      const r = await taskAct(t, fx.cast.admin, fx.cast.admin, task.id, action, body(action));
      expect([action, r.status]).toEqual([action, 200]);
    }
    if (lifted && state !== 'returned') await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'lift');
    return (await api(t, fx.cast.admin).get(`/api/flood/tasks/${task.id}`)).body;
  }
  const post = (role: Role, task: { id: string; version: number }, action: string) =>
    api(t, fx.cast[role]).post(`/api/flood/tasks/${task.id}/actions/${action}`, {
      version: task.version,
      ...body(action),
    });

  describe.each(transferWorkflow.transitions.map((tr) => [tr.action, tr] as const))('task %s', (action, tr) => {
    const lifted = tr.condition === 'warning_lifted';
    const shared = new Map<TransferState, { id: string; version: number }>();
    const cases = tr.from.flatMap((from) => ROLES.map((role) => [from, role, tr.roles.includes(role)] as const));

    it.each(cases.filter(([, , ok]) => ok).map(([from, role]) => [from, role] as const))(
      'from %s, %s may: 200',
      async (from, role) => {
        const task = await taskIn(from, lifted);
        const r = await post(role, task, action);
        expect([r.status, r.body.code]).toEqual([200, undefined]);
        expect(r.body.task.state).toBe(tr.to);
        expect(r.body.step).toMatchObject({ action, actorRole: role, fromState: from, toState: tr.to });
      },
    );

    it.each(cases.filter(([, , ok]) => !ok).map(([from, role]) => [from, role] as const))(
      'from %s, %s may not: 403',
      async (from, role) => {
        if (!shared.has(from)) shared.set(from, await taskIn(from, lifted));
        const r = await post(role, shared.get(from)!, action);
        const code = hasPermission(role, 'flood.transfer') ? 'errors.role_not_allowed' : 'errors.forbidden';
        expect([r.status, r.body.code]).toEqual([403, code]);
      },
    );

    it.each(TRANSFER_STATES.filter((st) => !tr.from.includes(st)))('from %s: 409', async (state) => {
      const r = await post(tr.roles[0]!, await taskIn(state, lifted || state === 'returned'), action);
      expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
    });
  });

  const warningBody: Record<string, object> = { change_level: { level: 'red' }, lift: {}, close: {} };
  /** A drill warning (so the drill coordinator may act on it) over an empty grid, in `state`. */
  async function warningIn(state: FloodWarningState) {
    const w = (
      await issue(t, fx.cast.duty_officer, {
        drillId: '7d2b7f0e-4f4e-4c8a-9d55-0a1b2c3d4e5f',
        scope: { kind: 'grids', gridIds: [fx.s.grids[3]!.id] },
      })
    ).body.warning;
    if (state !== 'active') await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'lift');
    if (state === 'closed') await warningAct(t, fx.cast.duty_officer, fx.cast.admin, w.id, 'close');
    return (await api(t, fx.cast.admin).get(`/api/flood/warnings/${w.id}`)).body;
  }

  describe.each(floodWarningWorkflow.transitions.map((tr) => [tr.action, tr] as const))('warning %s', (action, tr) => {
    let shared: { id: string; version: number } | undefined;
    const send = (role: Role, w: { id: string; version: number }) =>
      api(t, fx.cast[role]).post(`/api/flood/warnings/${w.id}/actions/${action}`, {
        version: w.version,
        ...warningBody[action],
      });

    it.each(ROLES.filter((r) => tr.roles.includes(r)))('%s may: 200', async (role) => {
      const w = await warningIn(tr.from[0]!);
      const r = await send(role, w);
      expect([r.status, r.body.code]).toEqual([200, undefined]);
      expect(r.body.warning.state).toBe(tr.to ?? tr.from[0]);
    });

    it.each(ROLES.filter((r) => !tr.roles.includes(r)))('%s may not: 403', async (role) => {
      const w = (shared ??= await warningIn(tr.from[0]!));
      const r = await send(role, w);
      expect([r.status, r.body.code]).toEqual([403, 'errors.forbidden']);
    });

    it.each(FLOOD_WARNING_STATES.filter((st) => !tr.from.includes(st)))('from %s: 409', async (state) => {
      const r = await send(tr.roles[0]!, await warningIn(state));
      expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
    });
  });
});
