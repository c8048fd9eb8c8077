import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import { floodFixture, type FloodFixture, issue, tasksOf } from '../support/flood';
import { http, type HttpResult } from '../support/http';
import { inspectionFixture, matrixRecord, uploadPhotos } from '../support/inspections';

/**
 * Bad input on the flood, inspection and hazard routes never answers 5xx: every field of a valid
 * body is replaced in turn by a wrong type, an unknown id and the id of the same kind of object on
 * another street, every path id by an unknown and a malformed one, every query parameter by rubbish.
 * Each refusal is a 4xx with an i18n key, and a 400 names its fields.
 */
describe('flood, inspections and hazards refuse bad input with a clear 4xx', () => {
  let t: TestApp;
  let a: FloodFixture;
  let b: FloodFixture;
  /** Ids of street A's objects, and of the same kinds on street B (the "foreign" ones). */
  const ids: Record<'own' | 'foreign', Record<string, string>> = { own: {}, foreign: {} };
  let versionOf: (path: string) => Promise<number>;

  const placeOf = (s: StreetFixture) => ({
    streetId: s.street.id,
    grid: s.grids[0]!,
    departmentId: s.departments[0]!.id,
  });

  beforeAll(async () => {
    t = await startApp();
    a = await floodFixture(t, await createStreet(t, 'BIA'), 'bia');
    b = await floodFixture(t, await createStreet(t, 'BIB', 115), 'bib');
    for (const [side, f] of [
      ['own', a],
      ['foreign', b],
    ] as const) {
      const h = await f.household(0);
      const w = await issue(t, f.cast.admin, { streetId: f.s.street.id, scope: { kind: 'street' } });
      const [task] = await tasksOf(t, f.cast.admin, w.body.warning.id);
      const insp = await inspectionFixture(t, f.cast.admin, placeOf(f.s));
      const [photoId] = await uploadPhotos(t, a.cast.admin);
      Object.assign(ids[side], {
        household: h.id,
        cardCode: h.cardCode,
        building: h.buildingId,
        shelter: f.shelters[0]!.id,
        warning: w.body.warning.id,
        task: task!.id,
        grid: f.s.grids[0]!.id,
        department: f.s.departments[0]!.id,
        user: f.cast.grid_worker.user.id,
        template: insp.template.id,
        templateVersion: insp.template.currentVersion.id,
        site: insp.site.id,
        campaign: insp.campaign.id,
        record: insp.record.id,
        hazard: insp.hazard.id,
        photo: photoId!,
        street: f.s.street.id,
      });
    }
    versionOf = async (path) => (await http(t.url, a.cast.admin.token).get(path)).body.version as number;
  });
  afterAll(() => t.close());

  const own = (k: string) => ids.own[k]!;
  /** Which kind of id a body field holds, to try the other street's object of that kind. */
  const KIND_OF: Record<string, string> = {
    buildingId: 'building',
    householdId: 'household',
    shelterId: 'shelter',
    cadreUserId: 'user',
    warningId: 'warning',
    streetId: 'street',
    templateId: 'template',
    templateVersionId: 'templateVersion',
    siteId: 'site',
    campaignId: 'campaign',
    recordId: 'record',
    code: 'cardCode',
  };
  const wrongValues = (key: string): unknown[] => {
    const kind = KIND_OF[key];
    return [null, 'x', -1, 1e15, [], {}, randomUUID(), ...(kind ? [ids.foreign[kind]] : [])];
  };

  /** Valid bodies (read fresh: versions move as the probes succeed), each probed field by field. */
  const WRITES: [string, string, () => Promise<Record<string, unknown>>][] = [
    [
      'POST',
      '/api/flood/households',
      async () => ({
        buildingId: own('building'),
        room: randomUUID().slice(0, 6),
        headName: '张三丰',
        personCount: 2,
        riskType: 'low_lying',
        cadreUserId: own('user'),
        shelterId: own('shelter'),
      }),
    ],
    [
      'PATCH',
      `/api/flood/households/:household`,
      async () => ({
        version: await versionOf(`/api/flood/households/${own('household')}`),
        buildingId: own('building'),
        shelterId: own('shelter'),
        cadreUserId: own('user'),
        personCount: 3,
      }),
    ],
    [
      'POST',
      '/api/flood/warnings',
      async () => ({
        type: 'rainstorm',
        level: 'yellow',
        message: '探测',
        streetId: own('street'),
        drillId: randomUUID(),
        scope: { kind: 'grids', gridIds: [own('grid')] },
      }),
    ],
    [
      'POST',
      `/api/flood/warnings/:warning/actions/change_level`,
      async () => ({ version: await versionOf(`/api/flood/warnings/${own('warning')}`), level: 'red' }),
    ],
    [
      'POST',
      `/api/flood/tasks/:task/actions/shelter`,
      async () => ({
        version: await versionOf(`/api/flood/tasks/${own('task')}`),
        shelterId: own('shelter'),
        people: 2,
      }),
    ],
    [
      'POST',
      '/api/flood/checkin',
      async () => ({ code: own('cardCode'), shelterId: own('shelter'), people: 1, warningId: own('warning') }),
    ],
    [
      'POST',
      '/api/inspections/templates',
      async () => ({ streetId: own('street'), name: '探测表', items: [{ label: '合格', kind: 'yes_no' }] }),
    ],
    [
      'PUT',
      `/api/inspections/templates/:template`,
      async () => ({
        version: await versionOf(`/api/inspections/templates/${own('template')}`),
        name: '探测改名',
        items: [{ key: 'ok', label: '合格', kind: 'yes_no' }],
      }),
    ],
    [
      'POST',
      '/api/inspections/campaigns',
      async () => ({
        streetId: own('street'),
        name: '探测行动',
        type: 'gas',
        startsOn: '2000-01-01',
        endsOn: '2099-12-31',
        templateId: own('template'),
        gridIds: [own('grid')],
        departmentIds: [own('department')],
      }),
    ],
    [
      'PATCH',
      `/api/inspections/campaigns/:campaign`,
      async () => ({
        version: await versionOf(`/api/inspections/campaigns/${own('campaign')}`),
        templateId: own('template'),
        gridIds: [own('grid')],
        startsOn: '2001-01-01',
      }),
    ],
    [
      'POST',
      '/api/inspections/records',
      async () => {
        const template = { currentVersion: { id: own('templateVersion') } };
        return { ...matrixRecord(template, own('site'), own('campaign'), true), photoIds: [own('photo')] };
      },
    ],
    [
      'PUT',
      '/api/inspections/intervals',
      async () => ({
        streetId: own('street'),
        intervalMonths: { A: 1, B: 3, C: 6 },
        version: await versionOf(`/api/inspections/intervals?streetId=${own('street')}`),
      }),
    ],
    [
      'POST',
      '/api/hazards',
      async () => ({ recordId: own('record'), itemKey: 'ok', description: '探测', deadline: '2099-01-01' }),
    ],
    ...(['request_extension', 'recheck_fail', 'recheck_pass', 'submit_rectification', 'supervise'] as const).map(
      (action) =>
        [
          'POST',
          `/api/hazards/:hazard/actions/${action}`,
          async () => ({
            version: await versionOf(`/api/hazards/${own('hazard')}`),
            until: '2099-06-01',
            reason: '探测',
            note: '探测',
            recordId: own('record'),
            deadline: '2099-01-01',
            photoIds: [own('photo')],
          }),
        ] as [string, string, () => Promise<Record<string, unknown>>],
    ),
  ];

  /** Reads with every query parameter they take given rubbish. */
  const READS: [string, string[]][] = [
    ['/api/flood/households', ['streetId', 'gridId', 'riskType', 'vulnerable', 'mine', 'q', 'limit', 'offset']],
    ['/api/flood/warnings', ['streetId', 'state', 'type', 'drill']],
    ['/api/flood/tasks', ['warningId', 'state', 'mine', 'open', 'drill']],
    ['/api/flood/stats', ['from', 'to', 'streetId']],
    ['/api/inspections/templates', ['siteType', 'campaignType', 'active', 'q']],
    ['/api/inspections/campaigns', ['status', 'type', 'streetId']],
    ['/api/inspections/records', ['siteId', 'campaignId', 'result', 'from', 'to']],
    ['/api/inspections/due', ['gridId', 'grade', 'dueStatus', 'withinDays']],
    ['/api/inspections/sites-status', ['gridId', 'grade']],
    ['/api/inspections/intervals', ['streetId']],
    ['/api/inspections/summary', ['month', 'campaignId']],
    ['/api/inspections/records.xlsx', ['from', 'to', 'campaignId', 'gridId', 'siteId']],
    ['/api/hazards.xlsx', ['state', 'from', 'to']],
    ['/api/hazards', ['state', 'severity', 'overdue', 'campaignId', 'siteId', 'recurring']],
  ];
  const RUBBISH = ['x', '-1', '1e99', 'null', '2024-13-45', ''];
  const PATHS_WITH_IDS = [
    '/api/flood/households/:id',
    '/api/flood/households/:id/card',
    '/api/flood/warnings/:id',
    '/api/flood/warnings/:id/progress',
    '/api/flood/warnings/:id/review',
    '/api/flood/warnings/:id/review.xlsx',
    '/api/flood/warnings/:id.cap.xml',
    '/api/flood/tasks/:id',
    '/api/inspections/templates/:id',
    '/api/inspections/templates/:id/versions',
    '/api/inspections/templates/versions/:id',
    '/api/inspections/campaigns/:id',
    '/api/inspections/campaigns/:id/progress',
    '/api/inspections/records/:id',
    '/api/inspections/photos/:id',
    '/api/hazards/:id',
  ];

  /** What is wrong with an answer to bad input (nothing, if it is a 2xx or a well-formed 4xx). */
  const problem = (what: string, r: HttpResult): string | null => {
    if (r.status < 300) return null;
    if (r.status >= 500) return `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
    if (!/^errors\./.test(r.body?.code ?? '')) return `${what}: ${r.status} without an i18n key`;
    if (r.status === 400 && !(r.body.errors ?? []).every((e: { field?: string }) => e.field !== undefined)) {
      return `${what}: 400 with an error naming no field`;
    }
    return null;
  };

  it('answers every mutated write body with a 2xx or a 4xx carrying its key and fields', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const caller of [a.cast.admin, a.cast.duty_officer]) {
      const api = http(t.url, caller.token);
      for (const [method, template, valid] of WRITES) {
        const path = template.replace(/:(\w+)/, (_, k: string) => own(k));
        for (const key of Object.keys(await valid())) {
          for (const value of wrongValues(key)) {
            const body = { ...(await valid()), [key]: value };
            const r = await (method === 'POST' ? api.post : method === 'PUT' ? api.put : api.patch)(path, body);
            probes++;
            const p = problem(`${caller.user.username} ${method} ${template} ${key}=${JSON.stringify(value)}`, r);
            if (p) failures.push(p);
          }
        }
        for (const body of [null, [], 'x', {}]) {
          const r = await (method === 'POST' ? api.post : method === 'PUT' ? api.put : api.patch)(path, body);
          probes++;
          const p = problem(`${caller.user.username} ${method} ${template} body ${JSON.stringify(body)}`, r);
          if (p) failures.push(p);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(400);
  });

  it('answers unknown, malformed and foreign path ids, and unknown actions, with 400 or 404', async () => {
    const failures: string[] = [];
    const api = http(t.url, a.cast.duty_officer.token);
    for (const path of PATHS_WITH_IDS) {
      for (const id of [randomUUID(), 'not-an-id', ...Object.values(ids.foreign)]) {
        const r = await api.get(path.replace(':id', encodeURIComponent(id)));
        const p = problem(`GET ${path} ${id}`, r);
        if (p) failures.push(p);
        else if (r.status < 300 && Object.values(ids.foreign).includes(id))
          failures.push(`GET ${path}: foreign ${id} shown`);
      }
    }
    for (const [path, id] of [
      ['/api/flood/warnings/:id/actions/fly', own('warning')],
      ['/api/flood/tasks/:id/actions/fly', own('task')],
      ['/api/hazards/:id/actions/fly', own('hazard')],
      ['/api/flood/warnings/:id/actions/lift', ids.foreign.warning],
      ['/api/flood/tasks/:id/actions/notify', ids.foreign.task],
      ['/api/hazards/:id/actions/supervise', ids.foreign.hazard],
    ] as const) {
      const r = await api.post(path.replace(':id', id!), { version: 1, note: '探测' });
      const p = problem(`POST ${path}`, r);
      if (p || r.status < 300) failures.push(p ?? `POST ${path} ${id}: ${r.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers rubbish in every query parameter with a 2xx or a 4xx carrying its key', async () => {
    const failures: string[] = [];
    const api = http(t.url, a.cast.admin.token);
    for (const [path, keys] of READS) {
      for (const key of keys) {
        for (const value of [...RUBBISH, randomUUID()]) {
          const r = await api.get(`${path}?${new URLSearchParams({ [key]: value })}`);
          const p = problem(`GET ${path}?${key}=${value}`, r);
          if (p) failures.push(p);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('shelters no one at a shelter of another street, and moves no household there', async () => {
    const api = http(t.url, a.cast.duty_officer.token);
    const moved = await api.patch(`/api/flood/households/${own('household')}`, {
      version: await versionOf(`/api/flood/households/${own('household')}`),
      buildingId: ids.foreign.building,
    });
    expect([moved.status, moved.body.code]).toEqual([404, 'errors.not_found']);
    const created = await api.post('/api/flood/households', {
      buildingId: ids.foreign.building,
      headName: '张三丰',
      personCount: 2,
      riskType: 'low_lying',
      cadreName: '李包保',
      shelterId: own('shelter'),
    });
    expect([created.status, created.body.code]).toEqual([404, 'errors.not_found']);
  });
});
