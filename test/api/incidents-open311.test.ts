import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture } from '../support/factories';
import { http } from '../support/http';
import { act, api, type Cast, createCast, newIncident } from '../support/incidents';
import { unmaskedPii } from '../support/pii';

const REQUEST_KEYS = [
  'address',
  'address_id',
  'agency_responsible',
  'description',
  'expected_datetime',
  'lat',
  'long',
  'media_url',
  'requested_datetime',
  'service_code',
  'service_name',
  'service_notice',
  'service_request_id',
  'status',
  'status_notes',
  'updated_datetime',
  'zipcode',
];

describe('Open311 GeoReport v2 (read only)', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  let open: { number: string; id: string };
  let closed: { number: string; id: string };
  let drill: { number: string; id: string };

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'OPN');
    cast = await createCast(t, s, 'opn');
    const o = cast.duty_officer;
    open = (
      await api(t, o).post(
        '/api/incidents',
        newIncident(s, {
          description: '联系人 13987654321，身份证 420102199001011234，请回电',
          location: { lat: 30.505, lng: 114.305, address: '幸福路 8 号' },
        }),
      )
    ).body.incident;
    await act(t, cast.admin, o, open.id, 'accept');
    await act(t, cast.admin, o, open.id, 'dispatch', { targets: { departmentIds: [s.departments[1]!.id] } });
    closed = (await api(t, o).post('/api/incidents', newIncident(s, { category: 'waterlogging', title: '已处理积水' })))
      .body.incident;
    for (const [action, who, body] of [
      ['accept', o, {}],
      ['dispatch', o, { targets: { gridId: s.grids[0]!.id } }],
      ['start', cast.grid_worker, {}],
      ['resolve', cast.grid_worker, { result: '已疏通' }],
      ['verify', o, { rating: 'satisfied' }],
      ['close', o, {}],
    ] as const) {
      expect((await act(t, cast.admin, who, closed.id, action, body)).status).toBe(200);
    }
    drill = (
      await api(t, o).post(
        '/api/incidents',
        newIncident(s, { drillId: '00000000-0000-4000-8000-0000000000dd', title: '演练' }),
      )
    ).body.incident;
  });
  afterAll(() => t.close());

  it('lists the categories as services', async () => {
    const res = await http(t.url).get('/api/open311/v2/services.json');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(11);
    expect(res.body.find((x: { service_code: string }) => x.service_code === 'waterlogging')).toEqual({
      service_code: 'waterlogging',
      service_name: '积水',
      description: '积水',
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: '',
    });
    const en = await http(t.url, undefined, 'en-US').get('/api/open311/v2/services.json');
    expect(en.body.find((x: { service_code: string }) => x.service_code === 'waterlogging').service_name).toBe(
      'Waterlogging',
    );
  });

  it('serves requests in the GeoReport shape without login, without personal data or drill items', async () => {
    const res = await http(t.url).get('/api/open311/v2/requests.json');
    expect(res.status).toBe(200);
    const ids = res.body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toEqual(expect.arrayContaining([open.number, closed.number]));
    expect(ids).not.toContain(drill.number);
    const r = res.body.find((x: { service_request_id: string }) => x.service_request_id === open.number);
    expect(Object.keys(r).sort()).toEqual(REQUEST_KEYS);
    expect(r).toMatchObject({
      status: 'open',
      status_notes: '已派单',
      service_code: 'noise',
      service_name: '噪音',
      agency_responsible: '水务',
      address: '幸福路 8 号',
      lat: 30.505,
      long: 114.305,
      media_url: '',
    });
    const text = JSON.stringify(res.body);
    expect(unmaskedPii(res.body)).toEqual([]);
    expect(text).not.toContain('张');
    expect(r.description).toContain('139****4321');
    expect(r.description).toContain('420102********1234');
  });

  it('filters by service_code, status and dates, and answers one request as a one-element array', async () => {
    const get = async (q: string) =>
      (await http(t.url).get(`/api/open311/v2/requests.json?${q}`)).body.map(
        (r: { service_request_id: string }) => r.service_request_id,
      );
    expect(await get('status=closed')).toEqual([closed.number]);
    expect(await get('service_code=waterlogging')).toEqual([closed.number]);
    expect(await get('service_code=noise&status=open')).toEqual([open.number]);
    const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    expect(await get(`start_date=${future}`)).toEqual([]);
    expect((await http(t.url).get('/api/open311/v2/requests.json?status=maybe')).status).toBe(400);
    const one = await http(t.url).get(`/api/open311/v2/requests/${open.number}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(one.body[0].service_request_id).toBe(open.number);
    expect((await http(t.url).get(`/api/open311/v2/requests/${drill.number}.json`)).status).toBe(404);
    expect((await http(t.url).get('/api/open311/v2/requests/SJ-19990101-0001.json')).status).toBe(404);
  });

  it('tells streets apart by jurisdiction_id (each street numbers its own incidents)', async () => {
    const s2 = await createStreet(t, 'OP2', 115);
    const officer2 = (await createCast(t, s2, 'op2')).duty_officer;
    const theirs = (
      await api(t, officer2).post('/api/incidents', newIncident(s2, { location: { lat: 30.505, lng: 115.005 } }))
    ).body.incident;
    expect(theirs.number).toBe(open.number);
    const both = await http(t.url).get(`/api/open311/v2/requests/${open.number}.json`);
    expect(both.body).toHaveLength(2);
    const mine = await http(t.url).get(`/api/open311/v2/requests/${open.number}.json?jurisdiction_id=OPN`);
    expect(mine.body.map((r: { service_code: string }) => r.service_code)).toEqual(['noise']);
    expect(mine.body[0].address).toBe('幸福路 8 号');
    const list = await http(t.url).get('/api/open311/v2/requests.json?jurisdiction_id=OP2');
    expect(list.body.map((r: { lat: number; long: number }) => [r.lat, r.long])).toEqual([[30.505, 115.005]]);
  });

  it('needs a login when OPEN311_PUBLIC=false', async () => {
    const closedFeed = await startApp({ OPEN311_PUBLIC: 'false' });
    try {
      const anon = await http(closedFeed.url).get('/api/open311/v2/requests.json');
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('errors.open311_disabled');
      const s2 = await createStreet(closedFeed, 'OPC');
      const officer = (await createCast(closedFeed, s2, 'opc')).duty_officer;
      await api(closedFeed, officer).post('/api/incidents', newIncident(s2));
      const authed = await http(closedFeed.url, officer.token).get('/api/open311/v2/requests.json');
      expect(authed.status).toBe(200);
      expect(authed.body).toHaveLength(1);
    } finally {
      await closedFeed.close();
    }
  });
});
