import { HAZARD_STATES, type HazardState, hazardWorkflow, ROLES, type Role } from '@gridboard/shared';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import { type Cast, createCast } from '../support/incidents';
import { as, createCampaign, createSite, createTemplate, hazardAct, inspect } from '../support/inspections';

/**
 * Table-driven from the shared hazard workflow: every transition from every state it allows, by every
 * role that may take it (200), by every other role (403 `errors.role_not_allowed`), and from every
 * other state (409). The hazard sits in a campaign joined by the department, so every role sees it.
 */
describe('hazard transitions, per the shared workflow', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let versionId: string;
  let campaignId: string;
  let siteId: string;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'HTR');
    cast = await createCast(t, s, 'htr');
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    versionId = tpl.currentVersion.id;
    siteId = (await createSite(t, s, 0)).id;
    campaignId = (
      await createCampaign(t, cast.leader, s.street.id, tpl.id, {
        gridIds: [s.grids[0]!.id],
        departmentIds: [s.departments[0]!.id],
      })
    ).id;
  });
  afterAll(() => t.close());

  /** Fresh re-inspection evidence: by someone other than the finder, now, with a photo. */
  const recheck = async () => (await inspect(t, cast.community_staff, siteId, versionId, { campaignId })).record.id;

  const payload: Record<string, () => Promise<Record<string, unknown>>> = {
    start_rectification: async () => ({}),
    submit_rectification: async () => ({ note: '已整改' }),
    recheck_pass: async () => ({ recordId: await recheck() }),
    recheck_fail: async () => ({ note: '仍有电线未拆除' }),
    request_extension: async () => ({ until: '2099-12-31', reason: '等待供电改造' }),
    approve_extension: async () => ({}),
    reject_extension: async () => ({ note: '不予延期' }),
    supervise: async () => ({ note: '请加快整改' }),
  };

  /** A hazard found by the grid worker, walked to `state`; with a pending extension request if asked. */
  async function hazardIn(state: HazardState, pendingExtension = false): Promise<{ id: string }> {
    const { hazards } = await inspect(
      t,
      cast.grid_worker,
      siteId,
      versionId,
      { campaignId, hazards: [{ itemKey: 'wiring', description: '私拉电线' }] },
      { wiring: true },
    );
    const h = hazards[0];
    const steps: Record<HazardState, string[]> = {
      open: [],
      rectifying: ['start_rectification'],
      awaiting_recheck: ['submit_rectification'],
      closed: ['submit_rectification', 'recheck_pass'],
    };
    if (pendingExtension) steps[state] = [...steps[state], 'request_extension'];
    for (const action of steps[state]) {
      const r = await hazardAct(t, cast.admin, cast.duty_officer, h.id, action, await payload[action]!());
      expect([action, r.status, r.body.code]).toEqual([action, 200, undefined]);
    }
    return h;
  }

  describe.each(hazardWorkflow.transitions.map((tr) => [tr.action, tr] as const))('%s', (action, tr) => {
    const pending = tr.condition === 'extension_pending';
    const may = tr.from.flatMap((from) => tr.roles.map((role) => [from, role] as const));
    let shared: { id: string } | undefined;

    it.each(may)('from %s, %s may: 200', async (from, role) => {
      const h = await hazardIn(from, pending);
      const r = await hazardAct(t, cast.admin, cast[role], h.id, action, await payload[action]!());
      expect([r.status, r.body.code]).toEqual([200, undefined]);
      expect(r.body.hazard.state).toBe(tr.to ?? from);
      expect(r.body.step).toMatchObject({ action, actorRole: role, fromState: from, toState: tr.to ?? from });
    });

    it.each(ROLES.filter((r) => !tr.roles.includes(r)))('%s may not: 403 role_not_allowed', async (role: Role) => {
      shared ??= await hazardIn(tr.from[0]!, pending);
      const r = await hazardAct(t, cast.admin, cast[role], shared.id, action, await payload[action]!());
      expect([r.status, r.body.code]).toEqual([403, 'errors.role_not_allowed']);
    });

    const elsewhere = HAZARD_STATES.filter((st) => !tr.from.includes(st));
    if (elsewhere.length) {
      it.each(elsewhere)('from %s: 409 transition_not_allowed', async (state) => {
        const h = await hazardIn(state);
        const r = await hazardAct(t, cast.admin, cast[tr.roles[0]!], h.id, action, await payload[action]!());
        expect([r.status, r.body.code]).toEqual([409, 'errors.transition_not_allowed']);
      });
    }
  });

  it('refuses a stale version with the current hazard, and audits role refusals', async () => {
    const h = await hazardIn('open');
    const first = await hazardAct(t, cast.admin, cast.grid_leader, h.id, 'start_rectification');
    const stale = await as(t, cast.grid_leader).post(`/api/hazards/${h.id}/actions/supervise`, {
      version: first.body.hazard.version - 1,
      note: '旧版本',
    });
    expect([stale.status, stale.body.code, stale.body.current.state]).toEqual([409, 'errors.conflict', 'rectifying']);
    await hazardAct(t, cast.admin, cast.display, h.id, 'supervise', { note: 'x' });
    const audit = await as(t, cast.admin).get(`/api/audit?objectId=${h.id}`);
    expect(audit.body.items.map((a: { action: string; result: string }) => [a.action, a.result])).toEqual(
      expect.arrayContaining([['hazard.supervise', 'denied']]),
    );
    const unknown = await as(t, cast.grid_leader).post(`/api/hazards/${h.id}/actions/explode`, { version: 1 });
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([400, 'action']);
  });
});
