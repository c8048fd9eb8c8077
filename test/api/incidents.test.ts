import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import { act, api, type Cast, createCast, newIncident, pointIn, read } from '../support/incidents';
import { lockSession, waitingIn } from '../support/locks';
import { unmaskedPii } from '../support/pii';

describe('incidents API', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  let cast: Cast;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'INC');
    other = await createStreet(t, 'OTH', 115);
    cast = await createCast(t, s, 'inc');
  });
  afterAll(() => t.close());

  it('reports from a map point: numbered per street and day, grid derived, contact masked, deadline from the rules', async () => {
    const res = await api(t, cast.grid_worker).post('/api/incidents', newIncident(s));
    expect(res.status).toBe(201);
    const { incident, step } = res.body;
    expect(incident.number).toMatch(/^SJ-\d{8}-0001$/);
    expect(incident.gridId).toBe(s.grids[0]!.id);
    expect(incident.communityId).toBe(s.communities[0]!.id);
    expect(incident.state).toBe('reported');
    expect(incident.reporterName).toBe('张*丰');
    expect(incident.reporterPhone).toBe('138****5678');
    expect(unmaskedPii(res.body)).toEqual([]);
    expect(incident.deadline).not.toBeNull();
    expect(step).toMatchObject({ action: 'report', actorName: 'inc-grid_worker', toState: 'reported' });
    const again = await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { title: '第二件' }));
    expect(again.body.incident.number).toBe(incident.number.replace(/0001$/, '0002'));
  });

  it('numbers concurrent reports without collisions', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { title: `并发 ${n}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => Number(r.body.incident.number.slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11]! - numbers[0]!).toBe(11);
  });

  describe('a retried report (the same clientId)', () => {
    /** The rows one report left: incidents with this clientId, their created events and audit rows. */
    const written = async (clientId: string) => {
      const [row] = await t.app.get(DataSource).query(
        `SELECT count(*)::int AS incidents,
                (SELECT count(*)::int FROM event WHERE type = 'incident.created'
                   AND payload->'incident'->>'id' IN (SELECT id::text FROM incident WHERE client_id = $1)) AS events,
                (SELECT count(*)::int FROM audit_log
                   WHERE object_id IN (SELECT id::text FROM incident WHERE client_id = $1)) AS audits
           FROM incident WHERE client_id = $1`,
        [clientId],
      );
      return row;
    };

    it('answers the incident the first copy made, marked Idempotent-Replayed, and writes nothing more', async () => {
      const clientId = randomUUID();
      const body = newIncident(s, { title: '重试上报', clientId });
      const first = await api(t, cast.grid_worker).post('/api/incidents', body);
      const again = await api(t, cast.grid_worker).post('/api/incidents', body);
      expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([201, null]);
      expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(again.body.incident).toMatchObject({
        id: first.body.incident.id,
        number: first.body.incident.number,
        version: 1,
        reporterPhone: '138****5678',
      });
      expect(again.body.step).toMatchObject({ id: first.body.step.id, action: 'report' });
      expect(await written(clientId)).toEqual({ incidents: 1, events: 1, audits: 1 });
    });

    it('makes one incident of copies sent at once, the later ones answered from the unique index', async () => {
      // Staged with table locks: the first copy is held at its event (it holds the street's number
      // counter), the others at the counter, after each found no incident with the clientId yet.
      const clientId = randomUUID();
      const body = newIncident(s, { title: '并发重试', clientId });
      const ds = t.app.get(DataSource);
      const events = await lockSession(t.config.databaseUrl);
      try {
        await events.query('LOCK TABLE event IN ACCESS EXCLUSIVE MODE');
        const first = api(t, cast.grid_worker).post('/api/incidents', body);
        await waitingIn(ds, 'INSERT INTO event', 1);
        const copies = Array.from({ length: 4 }, () => api(t, cast.grid_worker).post('/api/incidents', body));
        await waitingIn(ds, 'incident_counter', 4);
        await events.query('COMMIT');
        const answers = await Promise.all([first, ...copies]);
        expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
        expect(new Set(answers.map((a) => a.body.incident.id)).size).toBe(1);
        expect(answers.map((a) => a.headers.get('idempotent-replayed'))).toEqual([
          null,
          'true',
          'true',
          'true',
          'true',
        ]);
      } finally {
        await events.query('ROLLBACK');
        await events.end();
      }
      expect(await written(clientId)).toEqual({ incidents: 1, events: 1, audits: 1 });
    });

    it('refuses the same clientId with another report (409), and keeps ids apart between reporters', async () => {
      const clientId = randomUUID();
      const first = await api(t, cast.grid_worker).post(
        '/api/incidents',
        newIncident(s, { title: '原来的', clientId }),
      );
      const changed = await api(t, cast.grid_worker, 'en-US').post(
        '/api/incidents',
        newIncident(s, { title: '改过的', clientId }),
      );
      expect([changed.status, changed.body.code]).toEqual([409, 'errors.client_id_taken']);
      expect(changed.body.message).toMatch(/different content/);
      // What was kept, so the phone can name it: the first report, masked as any incident answer.
      expect(changed.body.current).toMatchObject({
        id: first.body.incident.id,
        number: first.body.incident.number,
        title: '原来的',
        reporterPhone: '138****5678',
      });
      expect(unmaskedPii(changed.body)).toEqual([]);
      const another = await api(t, cast.duty_officer).post(
        '/api/incidents',
        newIncident(s, { title: '原来的', clientId }),
      );
      expect([another.status, another.headers.get('idempotent-replayed')]).toEqual([201, null]);
      expect(another.body.incident.id).not.toBe(first.body.incident.id);
      expect((await written(clientId)).incidents).toBe(2);
    });
  });

  it('answers bad input with 400 naming the field, in both languages', async () => {
    const res = await api(t, cast.duty_officer, 'en-US').post('/api/incidents', {
      ...newIncident(s),
      severity: 'apocalyptic',
      category: 'no_such_category',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('errors.validation');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('severity');
    const unknownCategory = await api(t, cast.duty_officer).post(
      '/api/incidents',
      newIncident(s, { category: 'no_such' }),
    );
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.errors[0]).toMatchObject({ field: 'category', code: 'unknown_category' });
    const nowhere = await api(t, cast.duty_officer).post(
      '/api/incidents',
      newIncident(s, { location: { lat: 10, lng: 10 } }),
    );
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.code).toBe('errors.outside_area');
    const noLocation = await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { location: {} }));
    expect(noLocation.status).toBe(400);
    expect(noLocation.body.errors[0].field).toBe('location.location');
  });

  it('refuses a grid worker reporting outside their grids, and a role without incident.report', async () => {
    const elsewhere = await api(t, cast.grid_worker).post(
      '/api/incidents',
      newIncident(s, { location: pointIn(s, 3) }),
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('errors.location_outside_scope');
    const dept = await api(t, cast.dept_staff).post('/api/incidents', newIncident(s));
    expect(dept.status).toBe(403);
  });

  it('answers 404 for a location on another street, whether named by building, site, grid or map point', async () => {
    const admin = api(t, cast.admin);
    const where = pointIn(other, 0);
    const building = await admin.post('/api/geo/buildings', { name: '外街道楼', ...where, floors: 3 });
    const site = await admin.post('/api/geo/sites', { name: '外街道店', type: 'shop', ...where });
    expect([building.status, site.status]).toEqual([201, 201]);
    const counts = () =>
      t.app.get(DataSource).query(
        `SELECT (SELECT count(*) FROM incident)::int AS incidents,
                  (SELECT count(*) FROM audit_log WHERE action = 'deny:out_of_scope')::int AS denials`,
      );
    const [before] = await counts();
    const locations = [
      { buildingId: building.body.id },
      { siteId: site.body.id },
      { gridId: other.grids[0]!.id },
      where,
    ];
    for (const location of locations) {
      for (const who of [cast.duty_officer, cast.grid_worker]) {
        const res = await api(t, who).post('/api/incidents', newIncident(s, { location }));
        expect([location, res.status, res.body.code]).toEqual([location, 404, 'errors.not_found']);
      }
    }
    // nothing written, every refusal audited
    expect(await counts()).toEqual([{ incidents: before.incidents, denials: before.denials + 2 * locations.length }]);
  });

  it("answers 404 to an action on an incident outside the actor's grids, with any body: nothing written, each refusal audited", async () => {
    const created = await api(t, cast.duty_officer).post(
      '/api/incidents',
      newIncident(s, { location: pointIn(s, 3), title: '他网格的事件' }),
    );
    const id = created.body.incident.id;
    const denials = async () =>
      (
        await t.app
          .get(DataSource)
          .query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'deny:out_of_scope' AND object_id = $1", [id])
      )[0].n;
    // The version the item has, and a body that does not parse: neither confirms that it exists.
    for (const body of [{ version: 1 }, { version: 'x' }]) {
      const res = await api(t, cast.grid_worker).post(`/api/incidents/${id}/actions/accept`, body);
      expect([res.status, res.body.code]).toEqual([404, 'errors.not_found']);
    }
    expect(await denials()).toBe(2);
    const after = await read(t, cast.admin, id);
    expect(after).toMatchObject({ version: 1, state: 'reported', ownerId: null });
    expect(after.timeline).toHaveLength(1);
    const missing = await api(t, cast.duty_officer).post(
      '/api/incidents/00000000-0000-4000-8000-000000000000/actions/accept',
      { version: 1 },
    );
    expect(missing.status).toBe(404);
  });

  it('scopes lists: department staff see only what is dispatched to their department', async () => {
    const created = await api(t, cast.duty_officer).post('/api/incidents', newIncident(s, { title: '派单可见性' }));
    const id = created.body.incident.id;
    const before = await api(t, cast.dept_staff).get('/api/incidents?limit=1000');
    expect(before.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await api(t, cast.dept_staff).get(`/api/incidents/${id}`)).status).toBe(404);
    expect((await act(t, cast.admin, cast.duty_officer, id, 'accept')).status).toBe(200);
    const dispatched = await act(t, cast.admin, cast.duty_officer, id, 'dispatch', {
      targets: { departmentIds: [s.departments[0]!.id] },
    });
    expect(dispatched.status).toBe(200);
    const after = await api(t, cast.dept_staff).get('/api/incidents?limit=1000');
    expect(after.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(after.body.total).toBe(1);
    expect(typeof after.body.seq).toBe('number');
    // Another street's duty officer sees none of it.
    const stranger = await api(t, cast.admin).post(
      '/api/incidents',
      newIncident(other, { location: pointIn(other, 0) }),
    );
    expect(stranger.status).toBe(201);
    const mine = await api(t, cast.duty_officer).get('/api/incidents?limit=1000');
    expect(mine.body.items.every((i: { streetId: string }) => i.streetId === s.street.id)).toBe(true);
  });

  it('filters by state, category, severity, source, grid, department, text and time', async () => {
    const o = cast.duty_officer;
    const a = (
      await api(t, o).post(
        '/api/incidents',
        newIncident(s, { title: '积水点 A', category: 'waterlogging', severity: 'high' }),
      )
    ).body.incident;
    const b = (
      await api(t, o).post(
        '/api/incidents',
        newIncident(s, {
          title: '飞线 B',
          category: 'flying_wire_charging',
          source: 'video_patrol',
          location: pointIn(s, 1),
        }),
      )
    ).body.incident;
    const q = async (query: string) =>
      (await api(t, o).get(`/api/incidents?limit=1000&${query}`)).body.items.map((i: { id: string }) => i.id);
    expect(await q('category=waterlogging')).toEqual([a.id]);
    expect(await q('category=waterlogging,flying_wire_charging')).toEqual([b.id, a.id]);
    expect(await q('severity=high')).toContain(a.id);
    expect(await q('severity=high')).not.toContain(b.id);
    expect(await q('source=video_patrol')).toEqual([b.id]);
    expect(await q(`gridId=${s.grids[1]!.id}`)).toEqual([b.id]);
    expect(await q(`q=${encodeURIComponent('积水点')}`)).toEqual([a.id]);
    expect(await q(`q=${encodeURIComponent(a.number)}`)).toEqual([a.id]);
    expect(await q('state=closed')).toEqual([]);
    expect(await q(`departmentId=${s.departments[0]!.id}`)).toHaveLength(1);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await q(`from=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await q('overdue=true')).toEqual([]);
    expect((await api(t, o).get('/api/incidents?severity=bad')).status).toBe(400);
    // My queue reads the most urgent first: deadlines ascending, items without one last.
    const urgent = (await api(t, o).get('/api/incidents?limit=1000&sort=deadline')).body.items as {
      id: string;
      deadline: string | null;
    }[];
    const deadlines = urgent.map((i) => (i.deadline ? Date.parse(i.deadline) : Infinity));
    expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
    expect(urgent.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await api(t, o).get('/api/incidents?sort=soon')).status).toBe(400);
    const counts = await api(t, o).get('/api/incidents/counts');
    expect(counts.body.byState.reported).toBeGreaterThanOrEqual(2);
    expect(counts.body.overdue).toBe(0);
  });

  it('reveals the reporter (and numbers typed into the description) only to pii.reveal roles, and audits it', async () => {
    const description = '居民来电 13912345678 反映楼道堆物';
    const { incident } = (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s, { description }))).body;
    expect(incident.description).toBe('居民来电 139****5678 反映楼道堆物');
    expect((await api(t, cast.grid_worker).post(`/api/incidents/${incident.id}/reveal`)).status).toBe(403);
    const res = await api(t, cast.duty_officer).post(`/api/incidents/${incident.id}/reveal`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reporterName: '张三丰', reporterPhone: '13812345678', description });
    const rows = await t.app
      .get(DataSource)
      .query("SELECT actor_name FROM audit_log WHERE action = 'pii.reveal' AND object_id = $1", [incident.id]);
    expect(rows).toEqual([{ actor_name: 'inc-duty_officer' }]);
  });

  it('answers a stale version with 409 and the current incident', async () => {
    const { incident } = (await api(t, cast.duty_officer).post('/api/incidents', newIncident(s))).body;
    const ok = await api(t, cast.duty_officer).post(`/api/incidents/${incident.id}/actions/accept`, { version: 1 });
    expect(ok.status).toBe(200);
    const stale = await api(t, cast.leader).post(`/api/incidents/${incident.id}/actions/supervise`, {
      version: 1,
      note: '请加快',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('errors.conflict');
    expect(stale.body.current).toMatchObject({ id: incident.id, version: 2, state: 'accepted' });
    expect(stale.body.current.reporterPhone).toBe('138****5678');
  });

  it('re-routes (改派) with a reason and keeps the history; the old department loses it', async () => {
    const o = cast.duty_officer;
    const { incident } = (await api(t, o).post('/api/incidents', newIncident(s, { title: '改派' }))).body;
    await act(t, cast.admin, o, incident.id, 'accept');
    await act(t, cast.admin, o, incident.id, 'dispatch', { targets: { departmentIds: [s.departments[0]!.id] } });
    const missingReason = await act(t, cast.admin, o, incident.id, 'redispatch', {
      targets: { departmentIds: [s.departments[1]!.id] },
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].field).toBe('reason');
    const res = await act(t, cast.admin, o, incident.id, 'redispatch', {
      targets: { departmentIds: [s.departments[1]!.id] },
      reason: '属水务职责',
    });
    expect(res.status).toBe(200);
    expect(res.body.incident.targets.departmentIds).toEqual([s.departments[1]!.id]);
    const detail = await read(t, cast.admin, incident.id);
    expect(detail.timeline.map((x: { action: string }) => x.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'redispatch',
    ]);
    expect(detail.timeline[3]).toMatchObject({
      note: '属水务职责',
      detail: {
        reason: '属水务职责',
        previousTargets: { departmentIds: [s.departments[0]!.id], gridId: null },
        targets: { departmentIds: [s.departments[1]!.id], gridId: null },
      },
    });
    expect((await api(t, cast.dept_staff).get(`/api/incidents/${incident.id}`)).status).toBe(404);
    const wrongDept = await act(t, cast.admin, o, incident.id, 'redispatch', {
      targets: { departmentIds: [other.departments[0]!.id] },
      reason: 'x',
    });
    expect(wrongDept.status).toBe(400);
    expect(wrongDept.body.errors[0].field).toBe('targets.departmentIds');
  });

  it('runs the whole loop: accept, dispatch, start, resolve, 不满意 reopens, resolve, verify, close', async () => {
    const o = cast.duty_officer;
    const h = cast.dept_staff;
    const { incident } = (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s))).body;
    const id = incident.id;
    const step = async (u: typeof o, action: string, body: Record<string, unknown> = {}) => {
      const r = await act(t, cast.admin, u, id, action, body);
      expect([action, r.status, r.body.code]).toEqual([action, 200, undefined]);
      return r.body.incident;
    };
    expect((await step(o, 'accept')).ownerId).toBe(cast.duty_officer.user.id);
    await step(o, 'dispatch', { targets: { departmentIds: [s.departments[0]!.id], gridId: s.grids[0]!.id } });
    await step(h, 'start', { note: '已到场' });
    await step(h, 'resolve', { result: '已协调停止夜间施工' });
    const noNote = await act(t, cast.admin, o, id, 'verify', { rating: 'dissatisfied' });
    expect(noNote.status).toBe(400);
    expect((await step(o, 'verify', { rating: 'dissatisfied', note: '仍有噪音' })).state).toBe('in_progress');
    await step(cast.grid_leader, 'resolve', { result: '再次上门，已解决' });
    const verified = await step(cast.community_staff, 'verify', { rating: 'basically_satisfied' });
    expect(verified).toMatchObject({ state: 'verified', rating: 'basically_satisfied' });
    expect((await step(o, 'close', { note: '销号' })).state).toBe('closed');
    const detail = await read(t, cast.admin, id);
    expect(detail.timeline.map((x: { action: string }) => x.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'start',
      'resolve',
      'reopen',
      'resolve',
      'verify',
      'close',
    ]);
    expect(detail.timeline.every((x: { actorName: string; at: string }) => x.actorName && x.at)).toBe(true);
  });

  it('lets community staff who accepted an item dispatch it, and no other community staff', async () => {
    const { incident } = (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s))).body;
    await act(t, cast.admin, cast.duty_officer, incident.id, 'accept');
    const notOwner = await act(t, cast.admin, cast.community_staff, incident.id, 'dispatch', {
      targets: { gridId: s.grids[0]!.id },
    });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.code).toBe('errors.not_owner');
    const second = (await api(t, cast.grid_worker).post('/api/incidents', newIncident(s))).body.incident;
    await act(t, cast.admin, cast.community_staff, second.id, 'accept');
    const own = await act(t, cast.admin, cast.community_staff, second.id, 'dispatch', {
      targets: { gridId: s.grids[0]!.id },
    });
    expect(own.status).toBe(200);
    const otherGrid = await act(t, cast.admin, cast.duty_officer, second.id, 'redispatch', {
      targets: { gridId: s.grids[1]!.id },
      reason: 'x',
    });
    expect(otherGrid.status).toBe(400);
    expect(otherGrid.body.errors[0].field).toBe('targets.gridId');
  });

  it('refuses handlers an item not assigned to them (not_assigned)', async () => {
    const { incident } = (await api(t, cast.duty_officer).post('/api/incidents', newIncident(s))).body;
    await act(t, cast.admin, cast.duty_officer, incident.id, 'accept');
    await act(t, cast.admin, cast.duty_officer, incident.id, 'dispatch', {
      targets: { departmentIds: [s.departments[0]!.id] },
    });
    // The grid leader sees it (their grid) but it went to a department, not to the grid.
    const res = await act(t, cast.admin, cast.grid_leader, incident.id, 'start');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('errors.not_assigned');
  });

  it('documents the incident, whistle and Open311 routes in OpenAPI', async () => {
    const doc = (await api(t, cast.admin).get('/api/docs-json')).body;
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/incidents',
      '/api/incidents/{id}',
      '/api/incidents/{id}/actions/{action}',
      '/api/incidents/{id}/photos',
      '/api/incidents/{id}/reveal',
      '/api/incidents/import/hotline',
      '/api/incidents/import/mappings/{source}',
      '/api/incidents/deadline-rules',
      '/api/incidents/state-labels/{state}',
      '/api/working-calendar/overrides/{date}',
      '/api/open311/v2/requests.json',
      '/api/whistles',
      '/api/whistles/{id}/actions/{action}',
      '/api/whistles/{id}/summons/{summonsId}/actions/{action}',
      '/api/whistles/performance',
    ]) {
      expect(paths).toContain(p);
    }
    const act = doc.paths['/api/incidents/{id}/actions/{action}'].post;
    expect(act.requestBody.content['application/json'].schema.oneOf).toHaveLength(10);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['DispatchDto', 'IncidentActionResultDto']),
    );
  });

  it('answers an unknown action and a malformed id with 400', async () => {
    const { incident } = (await api(t, cast.duty_officer).post('/api/incidents', newIncident(s))).body;
    const r = await api(t, cast.duty_officer).post(`/api/incidents/${incident.id}/actions/fly`, { version: 1 });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('action');
    const bad = await api(t, cast.duty_officer).get('/api/incidents/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('id');
  });
});
