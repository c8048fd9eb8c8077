import { Clock } from '@gridboard/server/command/clock';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { type Cast, createCast } from '../support/incidents';
import {
  as,
  createCampaign,
  createSite,
  createTemplate,
  hazardAct,
  inspect,
  uploadPhotos,
} from '../support/inspections';
import { BoardClient } from '../support/socket';

const DAY = 86_400_000;
const overdueEvents = (ds: DataSource, id?: string) =>
  ds.query(
    `SELECT payload->'hazard'->>'id' AS id FROM event WHERE type = 'hazard.overdue'
     ${id ? "AND payload->'hazard'->>'id' = $1" : ''} ORDER BY seq`,
    id ? [id] : [],
  ) as Promise<{ id: string }[]>;

describe('hazards: deadlines, extensions, recurrence, supervision', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let versionId: string;
  let templateId: string;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'HAZ');
    cast = await createCast(t, s, 'haz');
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    versionId = tpl.currentVersion.id;
    templateId = tpl.id;
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  /** An instant `ms` after the app's (movable) now. */
  const later = (ms: number) => new Date(t.app.get(Clock).now().getTime() + ms).toISOString();
  const found = async (over: Record<string, unknown> = {}, siteId?: string) => {
    const site = siteId ?? (await createSite(t, s, 0)).id;
    const r = await inspect(
      t,
      cast.grid_worker,
      site,
      versionId,
      { hazards: [{ itemKey: 'wiring', description: '私拉电线', ...over }] },
      { wiring: true },
    );
    return r.hazards[0];
  };

  it('sends one supervision notice when the deadline passes (durable, not repeated), live to the board and the progress', async () => {
    const site = await createSite(t, s, 1);
    const campaign = await createCampaign(t, cast.leader, s.street.id, templateId, { gridIds: [s.grids[1]!.id] });
    const worker = await createUser(t, 'haz-w2', 'grid_worker', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[1]!.id],
    });
    const r = await inspect(
      t,
      worker,
      site.id,
      versionId,
      { campaignId: campaign.id, hazards: [{ itemKey: 'wiring', description: '私拉电线', severity: 'critical' }] },
      { wiring: true },
    );
    const h = r.hazards[0];
    // Critical: three Shanghai days, to the end of the day.
    expect(Date.parse(h.deadline) - Date.now()).toBeGreaterThan(3 * DAY - DAY);
    expect(Date.parse(h.deadline) - Date.now()).toBeLessThanOrEqual(4 * DAY);
    const officer = new BoardClient(t.url, cast.duty_officer.token);
    await officer.connected();
    try {
      const ds = t.app.get(DataSource);
      const scheduler = t.app.get(Scheduler);
      await scheduler.tick();
      expect(await overdueEvents(ds, h.id)).toEqual([]);
      t.app.get(Clock).advance(5 * DAY);
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      await scheduler.tick();
      expect(await overdueEvents(ds, h.id)).toEqual([{ id: h.id }]);
      await officer.waitFor((ev) => ev.some((e) => e.type === 'hazard.overdue'));
      const notice = officer.events.find((e) => e.type === 'hazard.overdue')!.payload as {
        hazard: { overdue: boolean; supervisionCount: number };
        step: { action: string; actorRole: string };
        siteStatus: { overdueHazards: number };
      };
      expect(notice).toMatchObject({
        hazard: { overdue: true, supervisionCount: 1 },
        step: { action: 'overdue', actorRole: 'system' },
        siteStatus: { overdueHazards: 1 },
      });
      const progress = (await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`)).body;
      expect(progress.progress.hazardsOverdue).toBe(1);
      expect(
        (await as(t, cast.duty_officer).get('/api/hazards?overdue=true')).body.items.map((x: { id: string }) => x.id),
      ).toContain(h.id);
      // The grid leader of grid 0 does not see grid 1's hazard at all.
      const req = await hazardAct(t, cast.admin, cast.grid_leader, h.id, 'request_extension', {
        until: '2099-01-01',
        reason: '需订购防爆插座',
      });
      expect(req.status).toBe(404);
    } finally {
      officer.close();
    }
  });

  it('requests, rejects and approves extensions (counted), one at a time', async () => {
    const h = await found();
    const ask = (until: string) =>
      hazardAct(t, cast.admin, cast.grid_leader, h.id, 'request_extension', { until, reason: '材料未到' });
    const tooEarly = await ask(h.deadline);
    expect([tooEarly.status, tooEarly.body.errors[0].field]).toEqual([400, 'until']);
    const until = new Date(Date.parse(h.deadline) + 7 * DAY).toISOString();
    expect((await ask(until)).status).toBe(200);
    expect((await ask(until)).body.code).toBe('errors.extension_pending');
    expect((await hazardAct(t, cast.admin, cast.grid_leader, h.id, 'approve_extension')).body.code).toBe(
      'errors.role_not_allowed',
    );
    const rejected = await hazardAct(t, cast.admin, cast.duty_officer, h.id, 'reject_extension', {
      note: '理由不充分',
    });
    expect(rejected.body.hazard).toMatchObject({ extensionRequest: null, extensionCount: 0, deadline: h.deadline });
    expect((await hazardAct(t, cast.admin, cast.leader, h.id, 'approve_extension')).body.code).toBe(
      'errors.no_extension_pending',
    );
    expect((await ask(until)).body.hazard.extensionRequest).toMatchObject({
      until,
      requestedByName: cast.grid_leader.user.displayName,
    });
    const approved = await hazardAct(t, cast.admin, cast.leader, h.id, 'approve_extension', { note: '同意延期一周' });
    expect(approved.body.hazard).toMatchObject({
      deadline: until,
      originalDeadline: h.deadline,
      extensionCount: 1,
      extensionRequest: null,
    });
    const detail = await as(t, cast.duty_officer).get(`/api/hazards/${h.id}`);
    expect(detail.body.timeline.map((x: { action: string }) => x.action)).toEqual([
      'found',
      'request_extension',
      'reject_extension',
      'request_extension',
      'approve_extension',
    ]);
  });

  it('renews the notice only for a new deadline; supervision by the leader is counted', async () => {
    const h = await found({ deadline: later(DAY) });
    const ds = t.app.get(DataSource);
    t.app.get(Clock).advance(2 * DAY);
    await t.app.get(Scheduler).tick();
    expect(await overdueEvents(ds, h.id)).toHaveLength(1);
    const until = later(3 * DAY);
    expect(
      (await hazardAct(t, cast.admin, cast.grid_leader, h.id, 'request_extension', { until, reason: '等配件' })).status,
    ).toBe(200);
    const ok = await hazardAct(t, cast.admin, cast.duty_officer, h.id, 'approve_extension');
    expect(ok.body.hazard).toMatchObject({ overdue: false, overdueAt: null, supervisionCount: 1 });
    await t.app.get(Scheduler).tick();
    expect(await overdueEvents(ds, h.id)).toHaveLength(1);
    t.app.get(Clock).advance(4 * DAY);
    await t.app.get(Scheduler).tick();
    await t.app.get(Scheduler).tick();
    expect(await overdueEvents(ds, h.id)).toHaveLength(2);
    const sup = await hazardAct(t, cast.admin, cast.leader, h.id, 'supervise', { note: '请三日内整改到位' });
    expect(sup.body.hazard.supervisionCount).toBe(3);
    expect((await hazardAct(t, cast.admin, cast.grid_leader, h.id, 'supervise', { note: 'x' })).status).toBe(403);
    // Waiting for re-inspection stops the clock: no notice for an item the party has done.
    const waiting = await found({ deadline: later(DAY) });
    await hazardAct(t, cast.admin, cast.grid_leader, waiting.id, 'submit_rectification', { note: '已整改' });
    t.app.get(Clock).advance(3 * DAY);
    await t.app.get(Scheduler).tick();
    expect(await overdueEvents(ds, waiting.id)).toEqual([]);
  });

  it('flags a hazard that recurs at the same site and checklist item', async () => {
    const site = await createSite(t, s, 0);
    const first = await found({}, site.id);
    expect(first.recurring).toBe(false);
    const second = await found({}, site.id);
    expect(second).toMatchObject({ recurring: true, previousHazardId: first.id });
    // Another item, or another site, is not a recurrence.
    const other = await inspect(
      t,
      cast.grid_worker,
      site.id,
      versionId,
      { hazards: [{ itemKey: 'extinguisher', description: '灭火器过期' }] },
      { extinguisher: false },
    );
    expect(other.hazards[0].recurring).toBe(false);
    expect((await found()).recurring).toBe(false);
    const list = await as(t, cast.duty_officer).get(`/api/hazards?recurring=true&siteId=${site.id}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([second.id]);
    expect((await as(t, cast.duty_officer).get('/api/hazards/counts')).body.recurring).toBeGreaterThanOrEqual(1);
  });

  it('raises a hazard after the visit from a record’s failed item, once per item', async () => {
    const site = await createSite(t, s, 0);
    const r = await inspect(t, cast.grid_worker, site.id, versionId, {}, { wiring: true, extinguisher: false });
    expect(r.record.result).toBe('fail');
    expect(r.hazards).toEqual([]);
    const photo = await uploadPhotos(t, cast.grid_leader);
    const raise = (body: Record<string, unknown>) =>
      as(t, cast.grid_leader).post('/api/hazards', { recordId: r.record.id, description: '补登隐患', ...body });
    const ok = await raise({ itemKey: 'wiring', photoIds: photo, responsibleParty: site.name });
    expect([ok.status, ok.body.hazard.itemKey, ok.body.hazard.photos.length]).toEqual([201, 'wiring', 1]);
    expect((await raise({ itemKey: 'wiring' })).body.code).toBe('errors.hazard_exists');
    expect((await raise({ itemKey: 'cylinder' })).body.errors[0]).toMatchObject({
      field: 'itemKey',
      code: 'not_failed',
    });
    const recordPhoto = r.record.answers.find((a: { itemKey: string }) => a.itemKey === 'photo').photos[0].id;
    expect((await raise({ itemKey: 'extinguisher', photoIds: [recordPhoto] })).status).toBe(201);
    expect((await raise({ itemKey: null, description: '消防通道堆放杂物' })).status).toBe(201);
    const byRecord = await as(t, cast.duty_officer).get(`/api/inspections/records/${r.record.id}`);
    expect(byRecord.body.hazards).toHaveLength(3);
    expect(byRecord.body.record.hazardIds).toHaveLength(3);
    // Someone who cannot see the record cannot raise on it.
    expect(
      (await as(t, cast.dept_staff).post('/api/hazards', { recordId: r.record.id, description: 'x' })).status,
    ).toBe(404);
  });
});

describe('hazard supervision notices across two instances on one database', () => {
  it('sends each notice once: never doubled by a second instance, not again after a restart', async () => {
    const db = await createTestDatabase();
    const a = await startApp({}, db);
    let b: TestApp | undefined = await startApp({}, db);
    try {
      const s = await createStreet(a, 'HZ2');
      const cast = await createCast(a, s, 'hz2');
      const tpl = await createTemplate(a, cast.leader, s.street.id);
      const raise = async (app: TestApp) =>
        (
          await inspect(
            app,
            cast.grid_worker,
            (await createSite(app, s, 0)).id,
            tpl.currentVersion.id,
            { hazards: [{ itemKey: 'wiring', description: '私拉电线', severity: 'critical' }] },
            { wiring: true },
          )
        ).hazards[0].id as string;
      const first = await raise(a);
      for (const app of [a, b]) app.app.get(Clock).advance(10 * DAY);
      await Promise.all([a.app.get(Scheduler).tick(), b.app.get(Scheduler).tick(), a.app.get(Scheduler).tick()]);
      expect(await overdueEvents(a.app.get(DataSource))).toEqual([{ id: first }]);
      // The leader instance goes; the other takes over and does not send it again.
      await a.close();
      const second = await raise(b);
      b.app.get(Clock).advance(10 * DAY);
      await b.app.get(Scheduler).tick();
      await b.app.get(Scheduler).tick();
      expect(await overdueEvents(b.app.get(DataSource))).toEqual([{ id: first }, { id: second }]);
      // A restarted instance finds the durable flags and sends nothing.
      await b.close();
      b = await startApp({}, db);
      b.app.get(Clock).advance(30 * DAY);
      await b.app.get(Scheduler).tick();
      expect(await overdueEvents(b.app.get(DataSource))).toHaveLength(2);
    } finally {
      await a.close().catch(() => undefined);
      await b?.close().catch(() => undefined);
      await db.drop();
    }
  });
});
