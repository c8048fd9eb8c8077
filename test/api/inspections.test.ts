import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { http } from '../support/http';
import { type Cast, createCast } from '../support/incidents';
import {
  as,
  createCampaign,
  createSite,
  createTemplate,
  hazardAct,
  inspect,
  recordBody,
  uploadPhotos,
} from '../support/inspections';
import { unmaskedPii } from '../support/pii';
import { BoardClient } from '../support/socket';

/**
 * The whole cycle (issue 8): a checklist, a campaign with a joint department, an inspection on the
 * phone that turns a failed item into a hazard, rectification, a refused and an accepted re-inspection,
 * 销号 — with the board (officer) and the department seeing it live and the progress following.
 */
describe('safety inspections: from checklist to closed hazard', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  const clients: BoardClient[] = [];

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'INS');
    cast = await createCast(t, s, 'ins');
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  async function listen(token: string) {
    const c = new BoardClient(t.url, token);
    clients.push(c);
    await c.connected();
    await c.sync(0);
    return c;
  }

  it('runs the cycle, refusing to close without a proper re-inspection, each time with its reason', async () => {
    const template = await createTemplate(t, cast.admin, s.street.id);
    expect(template.currentVersion).toMatchObject({ number: 1 });
    expect(template.currentVersion.items.map((i: { key: string }) => i.key)).toContain('wiring');
    // Two restaurants in grid 0 (the grid worker's), one in grid 2, and a school nobody targets.
    const site = await createSite(t, s, 0, { grade: 'A' });
    const other = await createSite(t, s, 0);
    await createSite(t, s, 2);
    await createSite(t, s, 0, { type: 'school', nineSmall: false });
    const campaign = await createCampaign(t, cast.leader, s.street.id, template.id, {
      departmentIds: [s.departments[0]!.id],
    });
    expect(campaign).toMatchObject({
      status: 'active',
      departments: [{ id: s.departments[0]!.id, name: '消防' }],
      progress: { targeted: 3, inspected: 0, hazardsFound: 0 },
    });

    const officer = await listen(cast.duty_officer.token);
    const fireDept = await listen(cast.dept_staff.token);
    const otherGrid = await listen(
      (
        await createUser(t, 'ins-g3', 'grid_leader', {
          kind: 'grids',
          streetId: s.street.id,
          gridIds: [s.grids[2]!.id],
        })
      ).token,
    );
    const otherDept = await listen(
      (
        await createUser(t, 'ins-water', 'dept_staff', {
          kind: 'department',
          streetId: s.street.id,
          departmentId: s.departments[1]!.id,
        })
      ).token,
    );

    // The phone page: a failed item (private wiring) raised as a hazard in the same request.
    const photos = await uploadPhotos(t, cast.grid_worker, 2);
    const submitted = await as(t, cast.grid_worker).post(
      '/api/inspections/records',
      recordBody(
        site.id,
        template.currentVersion.id,
        [photos[0]!],
        {
          campaignId: campaign.id,
          lat: site.lat + 0.0001,
          lng: site.lng,
          hazards: [
            {
              itemKey: 'wiring',
              description: '后厨私拉电线给电动车充电，联系人电话13812345678',
              responsibleParty: site.name,
              responsibleContact: '王建华',
              responsiblePhone: '13812345678',
              photoIds: [photos[1]],
            },
          ],
          photoIds: [photos[1]],
        },
        { wiring: true },
      ),
    );
    expect([submitted.status, submitted.body.code]).toEqual([201, undefined]);
    const { record, hazards } = submitted.body;
    expect(record).toMatchObject({
      result: 'fail',
      failedItems: ['wiring'],
      templateVersion: 1,
      campaignName: campaign.name,
      departmentIds: [s.departments[0]!.id],
      inspectorName: cast.grid_worker.user.displayName,
    });
    expect(record.distanceM).toBeGreaterThan(5);
    expect(record.distanceM).toBeLessThan(20);
    expect(record.answers.find((a: { itemKey: string }) => a.itemKey === 'photo').photos).toHaveLength(1);
    expect(hazards).toHaveLength(1);
    const hazard = hazards[0];
    expect(hazard).toMatchObject({
      state: 'open',
      severity: 'high',
      itemKey: 'wiring',
      itemLabel: '存在私拉乱接电线',
      responsibleContact: '王*华',
      responsiblePhone: '138****5678',
      description: '后厨私拉电线给电动车充电，联系人电话138****5678',
      recurring: false,
      foundById: cast.grid_worker.user.id,
    });
    expect(hazard.number).toMatch(/^YH-\d{8}-0001$/);
    expect(hazard.photos).toHaveLength(1);
    expect(unmaskedPii(submitted.body)).toEqual([]);

    // The officer's board and the joint department see it live; a community outside the grid does not.
    for (const c of [officer, fireDept]) {
      await c.waitFor((ev) =>
        ev.some(
          (e) => e.type === 'inspection.recorded' && (e.payload as { record: { id: string } }).record.id === record.id,
        ),
      );
      await c.waitFor((ev) => ev.some((e) => e.type === 'hazard.changed'));
      await c.waitFor((ev) =>
        ev.some(
          (e) =>
            e.type === 'campaign.progress' &&
            (e.payload as { progress: { hazardsFound: number } }).progress.hazardsFound === 1,
        ),
      );
    }
    const recorded = officer.events.find((e) => e.type === 'inspection.recorded')!.payload as {
      siteStatus: { siteId: string; lastResult: string; openHazards: number; maxOpenSeverity: string };
    };
    expect(recorded.siteStatus).toMatchObject({
      siteId: site.id,
      lastResult: 'fail',
      openHazards: 1,
      maxOpenSeverity: 'high',
    });
    expect(unmaskedPii(officer.events)).toEqual([]);

    const progress = await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`);
    expect(progress.body.progress).toMatchObject({
      targeted: 3,
      inspected: 1,
      failed: 1,
      passed: 0,
      records: 1,
      hazardsFound: 1,
      hazardsOpen: 1,
      hazardsClosed: 0,
    });
    expect(progress.body.byGrid).toEqual([
      expect.objectContaining({ gridId: s.grids[0]!.id, targeted: 2, inspected: 1, hazardsOpen: 1 }),
      expect.objectContaining({ gridId: s.grids[2]!.id, targeted: 1, inspected: 0 }),
    ]);
    // The layer: the inspected site is red with one open hazard; the other is due (never inspected).
    const layer = await as(t, cast.grid_worker).get('/api/inspections/sites-status');
    const byId = new Map(layer.body.items.map((i: { siteId: string }) => [i.siteId, i]));
    expect(byId.get(site.id)).toMatchObject({ lastResult: 'fail', openHazards: 1, dueStatus: 'ok', intervalMonths: 1 });
    expect(byId.get(other.id)).toMatchObject({ lastResult: null, dueStatus: 'never' });
    expect(layer.body.items.every((i: { gridId: string }) => i.gridId === s.grids[0]!.id)).toBe(true);
    const due = await as(t, cast.grid_worker).get(`/api/inspections/due?gridId=${s.grids[0]!.id}`);
    const dueIds = due.body.items.map((i: { siteId: string }) => i.siteId);
    expect(dueIds).toContain(other.id);
    expect(dueIds).not.toContain(site.id);

    // Rectification by the grid leader, with a photo of the result.
    expect((await hazardAct(t, cast.admin, cast.grid_leader, hazard.id, 'start_rectification')).status).toBe(200);
    const early = await inspect(t, cast.grid_leader, site.id, template.currentVersion.id, { campaignId: campaign.id });
    const fixed = await uploadPhotos(t, cast.grid_leader);
    const submittedFix = await hazardAct(t, cast.admin, cast.grid_leader, hazard.id, 'submit_rectification', {
      note: '已拆除私拉电线，改为集中充电',
      photoIds: fixed,
    });
    expect([submittedFix.status, submittedFix.body.hazard.state]).toEqual([200, 'awaiting_recheck']);
    expect(submittedFix.body.hazard.rectificationPhotos).toHaveLength(1);

    // 销号 refused: no record, a record from before the rectification, the finder's own, no photo, another site.
    const close = (body: Record<string, unknown>) =>
      hazardAct(t, cast.admin, cast.grid_leader, hazard.id, 'recheck_pass', body);
    const none = await close({});
    expect([none.status, none.body.code, none.body.errors?.[0]?.field]).toEqual([
      400,
      'errors.recheck_required',
      'recordId',
    ]);
    expect(none.body.message).toBe('销号须附一条复查记录');
    expect([(await close({ recordId: early.record.id })).body.code]).toEqual(['errors.recheck_stale']);
    const byFinder = await inspect(t, cast.grid_worker, site.id, template.currentVersion.id);
    const sameUser = await close({ recordId: byFinder.record.id });
    expect([sameUser.status, sameUser.body.code]).toEqual([409, 'errors.recheck_same_user']);
    expect(sameUser.body.message).toBe('复查须由隐患发现人以外的人员进行');
    const noPhotoTemplate = await createTemplate(t, cast.admin, s.street.id, [
      { key: 'wiring', label: '存在私拉乱接电线', kind: 'yes_no', passWhen: 'no' },
    ]);
    const noPhoto = await as(t, cast.community_staff).post('/api/inspections/records', {
      ...recordBody(site.id, noPhotoTemplate.currentVersion.id, []),
      answers: [{ itemKey: 'wiring', value: false }],
    });
    expect(noPhoto.status).toBe(201);
    expect((await close({ recordId: noPhoto.body.record.id })).body.code).toBe('errors.recheck_no_photo');
    const elsewhere = await inspect(t, cast.community_staff, other.id, template.currentVersion.id);
    expect((await close({ recordId: elsewhere.record.id })).body.code).toBe('errors.recheck_wrong_site');
    const stillFailing = await inspect(
      t,
      cast.community_staff,
      site.id,
      template.currentVersion.id,
      {},
      { wiring: true },
    );
    expect((await close({ recordId: stillFailing.record.id })).body.code).toBe('errors.recheck_item_failed');
    const en = await http(t.url, cast.grid_leader.token, 'en-US').post(
      `/api/hazards/${hazard.id}/actions/recheck_pass`,
      {
        version: (await as(t, cast.admin).get(`/api/hazards/${hazard.id}`)).body.version,
        recordId: byFinder.record.id,
      },
    );
    expect(en.body.message).toBe('The re-inspection must be made by someone other than the finder');

    // The accepted re-inspection: another user, after the rectification, with a photo.
    const recheck = await inspect(t, cast.community_staff, site.id, template.currentVersion.id, {
      campaignId: campaign.id,
    });
    const closed = await close({ recordId: recheck.record.id, note: '复查合格' });
    expect([closed.status, closed.body.code]).toEqual([200, undefined]);
    expect(closed.body.hazard).toMatchObject({
      state: 'closed',
      recheckRecordId: recheck.record.id,
      recheckedByName: cast.community_staff.user.displayName,
    });
    expect(closed.body.hazard.closedAt).not.toBeNull();
    const detail = await as(t, cast.duty_officer).get(`/api/hazards/${hazard.id}`);
    expect(detail.body.timeline.map((x: { action: string }) => x.action)).toEqual([
      'found',
      'start_rectification',
      'submit_rectification',
      'recheck_pass',
    ]);

    const after = await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`);
    expect(after.body.progress).toMatchObject({ hazardsFound: 1, hazardsClosed: 1, hazardsOpen: 0, inspected: 1 });
    // The latest campaign record of the site passed.
    expect(after.body.progress).toMatchObject({ passed: 1, failed: 0 });
    await officer.waitFor((ev) =>
      ev.some(
        (e) => e.type === 'hazard.changed' && (e.payload as { hazard: { state: string } }).hazard.state === 'closed',
      ),
    );
    for (const c of [otherGrid, otherDept]) {
      expect(c.events.filter((e) => e.type.startsWith('hazard.') || e.type === 'inspection.recorded')).toEqual([]);
      // Campaign figures are street-wide: everyone on the street sees the progress.
      expect(c.events.some((e) => e.type === 'campaign.progress')).toBe(true);
    }
  });

  it('keeps the progress events in step under concurrent records and hazard steps in one campaign', async () => {
    const template = await createTemplate(t, cast.admin, s.street.id);
    const v = template.currentVersion.id;
    const a = await createSite(t, s, 1);
    const b = await createSite(t, s, 1);
    const campaign = await createCampaign(t, cast.leader, s.street.id, template.id, { gridIds: [s.grids[1]!.id] });
    const fail = { campaignId: campaign.id, hazards: [{ itemKey: 'wiring', description: '私拉电线' }] };
    const h1 = (await inspect(t, cast.community_staff, a.id, v, fail, { wiring: true })).hazards[0];
    const h2 = (await inspect(t, cast.community_staff, b.id, v, fail, { wiring: true })).hazards[0];
    const leader = await createUser(t, 'ins-g2', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[1]!.id],
    });
    const results = await Promise.all([
      ...[a, b, a, b].map((site) => inspect(t, leader, site.id, v, fail, { wiring: true })),
      ...[a, b].map((site) => inspect(t, cast.community_staff, site.id, v, { campaignId: campaign.id })),
      hazardAct(t, cast.admin, leader, h1.id, 'start_rectification'),
      hazardAct(t, cast.admin, cast.duty_officer, h2.id, 'submit_rectification', { note: '已整改' }),
    ]);
    expect(results.slice(-2).map((r) => (r as { status: number }).status)).toEqual([200, 200]);
    const now = (await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`)).body.progress;
    expect(now).toMatchObject({ targeted: 2, inspected: 2, records: 8, hazardsFound: 6, hazardsOpen: 6 });
    const events = (await t.app
      .get(DataSource)
      .query(
        "SELECT payload->'progress' AS progress FROM event WHERE type = 'campaign.progress' AND payload->>'campaignId' = $1 ORDER BY seq",
        [campaign.id],
      )) as { progress: { records: number; hazardsFound: number } }[];
    // One event per change, each counting one more than the one before it, the last one equal to the truth.
    expect(events.at(-1)!.progress).toEqual(now);
    const records = events.map((e) => e.progress.records);
    expect(records).toEqual([...records].sort((x, y) => x - y));
    expect(events.map((e) => e.progress.hazardsFound)).toEqual(
      [...events.map((e) => e.progress.hazardsFound)].sort((x, y) => x - y),
    );
  });
});
