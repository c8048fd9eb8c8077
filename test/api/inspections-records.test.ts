import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '@gridboard/server/command/clock';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { type Cast, createCast } from '../support/incidents';
import { lockSession, waitingIn } from '../support/locks';
import {
  as,
  createCampaign,
  createSite,
  createTemplate,
  inspect,
  recordBody,
  uploadPhotos,
} from '../support/inspections';
import { unmaskedPii } from '../support/pii';

describe('inspection records from the phone page', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let versionId: string;
  let templateId: string;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'REC');
    cast = await createCast(t, s, 'rec');
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    versionId = tpl.currentVersion.id;
    templateId = tpl.id;
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);

  it('makes one record of a submission sent twice, and of duplicates sent at the same moment', async () => {
    const site = await createSite(t, s, 0);
    const photos = await uploadPhotos(t, cast.grid_worker, 2);
    const body = recordBody(
      site.id,
      versionId,
      [photos[0]!],
      {
        photoIds: [photos[1]],
        hazards: [{ itemKey: 'wiring', description: '私拉电线', responsibleParty: site.name }],
      },
      { wiring: true },
    );
    const first = await as(t, cast.grid_worker).post('/api/inspections/records', body);
    expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([201, null]);
    const again = await as(t, cast.grid_worker).post('/api/inspections/records', body);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body.record.id).toBe(first.body.record.id);
    expect(again.body.hazards.map((h: { id: string }) => h.id)).toEqual(
      first.body.hazards.map((h: { id: string }) => h.id),
    );
    expect(again.body.record).toEqual(first.body.record);
    expect(await count('SELECT count(*) AS n FROM inspection_record WHERE client_id = $1', [body.clientId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM hazard WHERE record_id = $1', [first.body.record.id])).toBe(1);
    // The same id for another site is a client bug, not a retry.
    const reused = await as(t, cast.grid_worker).post('/api/inspections/records', {
      ...body,
      siteId: (await createSite(t, s, 0)).id,
    });
    expect([reused.status, reused.body.code]).toEqual([409, 'errors.client_id_taken']);

    // Five copies at once (a phone retrying on a flaky network), inside a campaign whose row they all
    // lock: one record, five equal answers, one progress step.
    const campaign = await createCampaign(t, cast.leader, s.street.id, templateId, { gridIds: [s.grids[0]!.id] });
    const burstPhotos = await uploadPhotos(t, cast.grid_worker, 1);
    const burst = recordBody(
      site.id,
      versionId,
      burstPhotos,
      {
        campaignId: campaign.id,
        hazards: [{ itemKey: 'extinguisher', description: '灭火器过期' }],
      },
      { extinguisher: false },
    );
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => as(t, cast.grid_worker).post('/api/inspections/records', burst)),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.record.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.hazards[0].id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(await count('SELECT count(*) AS n FROM inspection_record WHERE client_id = $1', [burst.clientId])).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM event WHERE type = 'inspection.recorded' AND payload->'record'->>'clientId' = $1",
        [burst.clientId],
      ),
    ).toBe(1);
    const progress = await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`);
    expect(progress.body.progress).toMatchObject({ records: 1, inspected: 1, hazardsFound: 1 });
    // Another inspector may happen to use the same id: ids are per inspector.
    const mine = await uploadPhotos(t, cast.grid_leader);
    const same = await as(t, cast.grid_leader).post(
      '/api/inspections/records',
      recordBody(site.id, versionId, mine, { clientId: burst.clientId }),
    );
    expect(same.status).toBe(201);
    expect(same.body.record.id).not.toBe(answers[0]!.body.record.id);
  });

  it("answers the first copy's record to a duplicate that checks its photos after that copy committed", async () => {
    // The race of a phone retrying: the duplicate finds no record yet, the first copy commits, and
    // only then does the duplicate check its photos, which the first copy has claimed. Table locks
    // taken by the test hold each request at its step: the first copy at its closing statement (it
    // writes the event table), the duplicate at its photo check (queued behind a lock on the photos
    // that is itself queued behind the first copy).
    const site = await createSite(t, s, 0);
    const body = recordBody(site.id, versionId, await uploadPhotos(t, cast.grid_worker, 1));
    const events = await lockSession(t.config.databaseUrl);
    const photos = await lockSession(t.config.databaseUrl);
    try {
      await events.query('LOCK TABLE event IN ACCESS EXCLUSIVE MODE');
      const first = as(t, cast.grid_worker).post('/api/inspections/records', body);
      await waitingIn(ds, 'INSERT INTO event', 1);
      const photosLocked = photos.query('LOCK TABLE inspection_photo IN ACCESS EXCLUSIVE MODE');
      await waitingIn(ds, 'inspection_photo', 1);
      const duplicate = as(t, cast.grid_worker).post('/api/inspections/records', body);
      await waitingIn(ds, 'inspection_photo', 2);
      await events.query('COMMIT');
      const won = await first;
      expect(won.status).toBe(201);
      await photosLocked;
      await photos.query('COMMIT');
      const late = await duplicate;
      expect([late.status, late.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(late.body.record.id).toBe(won.body.record.id);
      expect(await count('SELECT count(*) AS n FROM inspection_record WHERE client_id = $1', [body.clientId])).toBe(1);
    } finally {
      for (const c of [events, photos]) {
        await c.query('ROLLBACK');
        await c.end();
      }
    }
  });

  it('refuses what is wrong with a submission, naming each field, and writes nothing', async () => {
    const site = await createSite(t, s, 0);
    const photos = await uploadPhotos(t, cast.grid_worker, 1);
    const before = await count('SELECT count(*) AS n FROM inspection_record', []);
    const post = (body: object, u: TestUser = cast.grid_worker) => as(t, u).post('/api/inspections/records', body);
    const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

    const answers = await post({
      ...recordBody(site.id, versionId, photos),
      answers: [
        { itemKey: 'extinguisher', value: 'yes' },
        { itemKey: 'cylinder', value: 'roof' },
        { itemKey: 'ghost', value: true },
        { itemKey: 'photo', value: null, photoIds: [] },
      ],
    });
    expect(answers.status).toBe(400);
    expect(fields(answers)).toEqual([
      'answers[0].value',
      'answers[1].value',
      'answers[2].itemKey',
      'answers[3].photoIds',
      'answers.extinguisher_count',
      'answers.wiring',
    ]);
    // Hazards only from failed items, once each, with a future deadline and the inspection's photos.
    const someoneElses = await uploadPhotos(t, cast.grid_leader);
    const hz = await post(
      recordBody(
        site.id,
        versionId,
        photos,
        {
          hazards: [
            { itemKey: 'extinguisher', description: '灭火器没问题' },
            { itemKey: 'wiring', description: '电线', deadline: '2020-01-01' },
            { itemKey: 'wiring', description: '电线又一次' },
            { itemKey: null, description: '其他发现', photoIds: [randomUUID()] },
          ],
        },
        { wiring: true },
      ),
    );
    expect(fields(hz)).toEqual([
      'hazards[0].itemKey',
      'hazards[1].deadline',
      'hazards[2].itemKey',
      expect.stringMatching(/^photos\./),
    ]);
    const notMine = await post(recordBody(site.id, versionId, someoneElses));
    expect([notMine.status, notMine.body.errors[0].code]).toEqual([400, 'not_found']);
    const late = await post(recordBody(site.id, versionId, photos, { inspectedAt: '2020-01-01T08:00:00+08:00' }));
    expect(fields(late)).toEqual(['inspectedAt']);
    const gps = await post(recordBody(site.id, versionId, photos, { lat: 30.5 }));
    expect(fields(gps)).toEqual(['lat']);
    const version = await post(recordBody(site.id, randomUUID(), photos));
    expect(fields(version)).toEqual(['templateVersionId']);
    expect((await post(recordBody(randomUUID(), versionId, photos))).status).toBe(404);
    // Out of the worker's grid: the site is not found for them; display cannot record at all.
    const elsewhere = await createSite(t, s, 2);
    expect((await post(recordBody(elsewhere.id, versionId, photos))).status).toBe(404);
    expect((await post(recordBody(site.id, versionId, photos), cast.display)).status).toBe(403);
    expect(await count('SELECT count(*) AS n FROM inspection_record', [])).toBe(before);
    // The photo is still the worker's to use.
    expect((await post(recordBody(site.id, versionId, photos))).status).toBe(201);
    const used = await post(recordBody(site.id, versionId, photos));
    expect([used.status, used.body.errors[0].code]).toEqual([400, 'in_use']);
  });

  it('keeps campaign records to its targets and its period', async () => {
    const restaurant = await createSite(t, s, 0);
    const school = await createSite(t, s, 0, { type: 'school', nineSmall: false });
    const campaign = await createCampaign(t, cast.leader, s.street.id, templateId);
    const photos = await uploadPhotos(t, cast.grid_worker, 1);
    const notTarget = await as(t, cast.grid_worker).post(
      '/api/inspections/records',
      recordBody(school.id, versionId, photos, { campaignId: campaign.id }),
    );
    expect([notTarget.status, notTarget.body.errors[0]]).toEqual([
      400,
      expect.objectContaining({ field: 'siteId', code: 'not_in_campaign' }),
    ]);
    const later = await createCampaign(t, cast.leader, s.street.id, templateId, {
      startsOn: '2099-01-01',
      endsOn: '2099-12-31',
    });
    expect(later.status).toBe('upcoming');
    const early = await as(t, cast.grid_worker).post(
      '/api/inspections/records',
      recordBody(restaurant.id, versionId, photos, { campaignId: later.id }),
    );
    expect([early.status, early.body.errors[0].code]).toEqual([400, 'not_running']);
    // Retargeting to schools makes the school a target and drops the restaurant.
    const retargeted = await as(t, cast.leader).patch(`/api/inspections/campaigns/${campaign.id}`, {
      version: campaign.version,
      siteTypes: ['school'],
      nineSmall: false,
      gridIds: [s.grids[0]!.id],
    });
    expect([retargeted.status, retargeted.body.progress.targeted]).toEqual([200, 1]);
    expect(
      (
        await as(t, cast.grid_worker).post(
          '/api/inspections/records',
          recordBody(school.id, versionId, photos, { campaignId: campaign.id }),
        )
      ).status,
    ).toBe(201);
    const bad = await as(t, cast.leader).post('/api/inspections/campaigns', {
      name: '坏行动',
      type: 'fire',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      templateId: randomUUID(),
      departmentIds: [randomUUID()],
    });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['endsOn']);
    const refs = await as(t, cast.leader).post('/api/inspections/campaigns', {
      name: '坏行动',
      type: 'fire',
      startsOn: '2026-05-01',
      endsOn: '2026-06-01',
      templateId: randomUUID(),
      gridIds: [randomUUID()],
      departmentIds: [s.departments[0]!.id, randomUUID()],
    });
    expect(refs.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'templateId',
      'gridIds[0]',
      'departmentIds[1]',
    ]);
  });

  it('shows a department the records, sites and hazards of campaigns it joins, and nothing else', async () => {
    const fire = cast.dept_staff; // department 0
    const water = await createUser(t, 'rec-water', 'dept_staff', {
      kind: 'department',
      streetId: s.street.id,
      departmentId: s.departments[1]!.id,
    });
    const site = await createSite(t, s, 3, { name: '联合检查餐馆' });
    const loose = await createSite(t, s, 3, { type: 'warehouse', nineSmall: false, name: '无人问津仓库' });
    const campaign = await createCampaign(t, cast.leader, s.street.id, templateId, {
      departmentIds: [s.departments[0]!.id],
      gridIds: [s.grids[3]!.id],
    });
    // The fire department inspects the campaign's target itself (联合排查); not a site outside it.
    const own = await inspect(
      t,
      fire,
      site.id,
      versionId,
      { campaignId: campaign.id, hazards: [{ itemKey: 'wiring', description: '飞线' }] },
      { wiring: true },
    );
    expect(own.record.departmentIds).toEqual([s.departments[0]!.id]);
    const photos = await uploadPhotos(t, fire);
    expect((await as(t, fire).post('/api/inspections/records', recordBody(loose.id, versionId, photos))).status).toBe(
      404,
    );
    expect((await as(t, fire).post('/api/inspections/records', recordBody(site.id, versionId, photos))).status).toBe(
      404,
    );
    expect(
      (
        await as(t, water).post(
          '/api/inspections/records',
          recordBody(site.id, versionId, photos, { campaignId: campaign.id }),
        )
      ).status,
    ).toBe(404);

    const ids = async (u: TestUser, path: string, key = 'id') =>
      (await as(t, u).get(path)).body.items.map((i: Record<string, string>) => i[key]);
    expect(await ids(fire, '/api/inspections/records')).toEqual([own.record.id]);
    expect(await ids(fire, '/api/hazards')).toEqual([own.hazards[0].id]);
    expect(await ids(fire, '/api/inspections/sites-status', 'siteId')).toEqual([site.id]);
    expect(await ids(water, '/api/inspections/records')).toEqual([]);
    expect(await ids(water, '/api/hazards')).toEqual([]);
    expect((await as(t, water).get(`/api/hazards/${own.hazards[0].id}`)).status).toBe(404);
    expect((await as(t, water).get(`/api/inspections/records/${own.record.id}`)).status).toBe(404);
    // Campaigns themselves are the street's: both see it.
    expect(await ids(water, '/api/inspections/campaigns')).toContain(campaign.id);

    // The water department joins: the campaign's records and hazards follow, at once.
    const joined = await as(t, cast.leader).patch(`/api/inspections/campaigns/${campaign.id}`, {
      version: campaign.version,
      departmentIds: [s.departments[0]!.id, s.departments[1]!.id],
    });
    expect(joined.status).toBe(200);
    expect(await ids(water, '/api/hazards')).toEqual([own.hazards[0].id]);
    expect(await ids(water, '/api/inspections/records')).toEqual([own.record.id]);
    const photo = own.record.answers.find((a: { itemKey: string }) => a.itemKey === 'photo').photos[0];
    const download = (u: TestUser) => fetch(t.url + photo.url, { headers: { authorization: `Bearer ${u.token}` } });
    expect((await download(water)).status).toBe(200);
    expect((await download(cast.grid_worker)).status).toBe(404);
  });

  it('masks personal data in lists and answers, and keeps drills out of the figures', async () => {
    const site = await createSite(t, s, 1);
    const campaign = await createCampaign(t, cast.leader, s.street.id, templateId, { gridIds: [s.grids[1]!.id] });
    const r = await inspect(
      t,
      cast.community_staff,
      site.id,
      versionId,
      {
        campaignId: campaign.id,
        note: '老板电话13912345678，身份证420102199001011234',
        hazards: [
          {
            itemKey: 'wiring',
            description: '私拉电线',
            responsibleContact: '张三丰',
            responsiblePhone: '13912345678',
          },
        ],
      },
      { wiring: true, remark: '联系13912345678' },
    );
    expect(r.record.note).toBe('老板电话139****5678，身份证420102********1234');
    for (const path of ['/api/inspections/records', '/api/hazards', '/api/inspections/sites-status']) {
      const res = await as(t, cast.duty_officer).get(path);
      expect([path, unmaskedPii(res.body)]).toEqual([path, []]);
    }
    const h = (await as(t, cast.duty_officer).get(`/api/hazards/${r.hazards[0].id}`)).body;
    expect([h.responsibleContact, h.responsiblePhone]).toEqual(['张*丰', '139****5678']);
    const reveal = await as(t, cast.duty_officer).post(`/api/hazards/${h.id}/reveal`);
    expect(reveal.body).toEqual({ id: h.id, responsibleContact: '张三丰', responsiblePhone: '13912345678' });
    expect((await as(t, cast.grid_worker).post(`/api/hazards/${h.id}/reveal`)).status).toBe(403);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'pii.reveal' AND object_id = $1", [h.id]),
    ).toBe(1);

    // A drill inspection in the same campaign: on the lists (marked), not in the progress.
    const before = (await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`)).body.progress;
    const drill = await inspect(
      t,
      cast.community_staff,
      site.id,
      versionId,
      {
        campaignId: campaign.id,
        drillId: randomUUID(),
        hazards: [{ itemKey: 'wiring', description: '演练隐患' }],
      },
      { wiring: true },
    );
    expect(drill.hazards[0].drillId).toBe(drill.record.drillId);
    const after = (await as(t, cast.display).get(`/api/inspections/campaigns/${campaign.id}/progress`)).body.progress;
    expect(after).toEqual(before);
    const real = await as(t, cast.duty_officer).get('/api/hazards?drill=exclude');
    expect(real.body.items.map((x: { id: string }) => x.id)).not.toContain(drill.hazards[0].id);
    const counts = await as(t, cast.duty_officer).get('/api/hazards/counts');
    expect(counts.body.byState.open).toBe(
      (await as(t, cast.duty_officer).get('/api/hazards?drill=exclude&state=open')).body.total,
    );
  });

  it('deletes photos nobody used after 72 hours, and keeps those a record uses', async () => {
    const [used, unused] = await uploadPhotos(t, cast.grid_worker, 2);
    const site = await createSite(t, s, 0);
    const r = await as(t, cast.grid_worker).post('/api/inspections/records', recordBody(site.id, versionId, [used!]));
    expect(r.status).toBe(201);
    const get = (id: string, u: TestUser = cast.grid_worker) =>
      fetch(`${t.url}/api/inspections/photos/${id}/thumb`, { headers: { authorization: `Bearer ${u.token}` } });
    const stored = (id: string) =>
      existsSync(join(t.config.dataDir, 'uploads', 'inspections', cast.grid_worker.user.id, `${id}.jpg`));
    // Before it is used, a photo is its uploader's alone.
    expect([(await get(unused!)).status, (await get(unused!, cast.grid_leader)).status]).toEqual([200, 404]);
    expect(stored(unused!)).toBe(true);
    t.app.get(Clock).advance(73 * 3_600_000);
    try {
      await t.app.get(Scheduler).tick();
    } finally {
      t.app.get(Clock).reset();
    }
    expect((await get(unused!)).status).toBe(404);
    expect(stored(unused!)).toBe(false);
    expect((await get(used!)).status).toBe(200);
    expect((await get(used!, cast.duty_officer)).status).toBe(200);
    expect(stored(used!)).toBe(true);
  });
});
