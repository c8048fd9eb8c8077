import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';

// Runs on PostgreSQL. Imports are all-or-nothing: a bad file names every bad row and column.
describe('geo import', () => {
  let t: TestApp;
  let s: StreetFixture;
  let admin: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'IMP');
    admin = await createUser(t, 'imp-admin', 'admin', { kind: 'street', streetId: s.street.id });
    staff = await createUser(t, 'imp-staff', 'community_staff', {
      kind: 'communities',
      streetId: s.street.id,
      communityIds: [s.communities[0]!.id],
    });
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (
      (await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM "${table}" WHERE street_id = $1`, [s.street.id])) as { n: number }[]
    )[0]!.n;
  const events = async () =>
    (
      (await t.app.get(DataSource).query("SELECT payload FROM event WHERE type = 'geo.imported' ORDER BY seq")) as {
        payload: any;
      }[]
    ).map((e) => e.payload);

  async function upload(kind: string, name: string, content: Buffer | string, token = admin.token) {
    const form = new FormData();
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
    const res = await fetch(`${t.url}/api/geo/import/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function xlsx(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
    const wb = new Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
  const feature = (geometry: object, properties: object) => ({ type: 'Feature', geometry, properties });

  it('imports grids from a GeoJSON body', async () => {
    const lng = 114.34;
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(
          {
            type: 'Polygon',
            coordinates: [
              [
                [lng, 30.5],
                [lng + 0.01, 30.5],
                [lng + 0.01, 30.51],
                [lng, 30.51],
                [lng, 30.5],
              ],
            ],
          },
          {
            网格编码: 'IMP-G5',
            网格名称: '新建网格',
            社区: 'IMP-C2',
            网格类型: '专属网格',
          },
        ),
      ],
    };
    const res = await http(t.url, admin.token).post('/api/geo/import/grids', fc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'grids', rows: 1, created: 1 });
    const grids = (await http(t.url, admin.token).get('/api/geo/grids?q=IMP-G5')).body.items;
    expect(grids).toMatchObject([{ code: 'IMP-G5', type: 'dedicated', communityId: s.communities[1]!.id }]);
  });

  it('imports buildings from an uploaded .geojson file, deriving each grid by point-in-polygon', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(point(114.305, 30.505), {
          楼栋: '导入小区1栋',
          层数: 6,
          小区: '导入小区',
          楼栋长: '陈楼长',
          楼栋长电话: '13811112222',
        }),
        feature(point(114.325, 30.505), { 楼栋: '导入小区2栋', 层数: 7, 小区: '导入小区' }),
        feature(
          {
            type: 'Polygon',
            coordinates: [
              [
                [114.3351, 30.5051],
                [114.3353, 30.5051],
                [114.3353, 30.5053],
                [114.3351, 30.5053],
                [114.3351, 30.5051],
              ],
            ],
          },
          { name: '独栋', floors: 3 },
        ),
      ],
    };
    const before = (await events()).length;
    const res = await upload('buildings', 'buildings.geojson', JSON.stringify(fc));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'buildings', rows: 3, created: 4 }); // 3 buildings + 1 compound
    const list = (await http(t.url, admin.token).get('/api/geo/buildings?limit=100')).body.items;
    const byName = Object.fromEntries(list.map((b: any) => [b.name, b]));
    expect(byName['导入小区1栋'].gridId).toBe(s.grids[0]!.id);
    expect(byName['导入小区2栋'].gridId).toBe(s.grids[2]!.id);
    expect(byName['导入小区1栋'].compoundId).toBe(byName['导入小区2栋'].compoundId);
    expect(byName['独栋'].gridId).toBe(s.grids[3]!.id);
    expect(byName['独栋'].footprint.type).toBe('Polygon');
    const after = await events();
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]).toEqual({
      layers: ['buildings', 'compounds'],
      counts: { compound: 1, building: 3 },
    });
  });

  it('imports households from xlsx and persons from csv (Chinese headers)', async () => {
    const households = await xlsx(
      ['楼栋', '单元', '房号', '户主', '电话'],
      [
        ['导入小区1栋', '1', '101', '刘德明', '13900001111'],
        ['导入小区1栋', '1', '102', '黄晓燕', 13900002222],
        ['导入小区2栋', '', '201', '吴建国', ''],
      ],
    );
    const h = await upload('households', '住户.xlsx', households);
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ kind: 'households', rows: 3, created: 3 });

    const csv = [
      '姓名,电话,身份证号,楼栋,单元,房号,出生年份,标签',
      '刘德明,13900001111,420106196001011234,导入小区1栋,1,101,1960,独居老人',
      '黄晓燕,13900002222,42010619850202234X,导入小区1栋,1,102,1985,',
      '黄小宝,,420106201503034567,导入小区1栋,1,102,2015,"残疾人,低保户"',
    ].join('\r\n');
    const p = await upload('persons', '人口.csv', '\uFEFF' + csv);
    expect(p.status).toBe(200);
    expect(p.body).toEqual({ kind: 'persons', rows: 3, created: 3 });
    const persons = (await http(t.url, admin.token).get('/api/geo/persons?limit=100')).body;
    expect(persons.total).toBe(3);
    expect(unmaskedPii(persons)).toEqual([]);
    expect(persons.items.find((x: any) => x.birthYear === 2015).tags).toEqual(['残疾人', '低保户']);
    const hh = (await http(t.url, admin.token).get('/api/geo/households?limit=100')).body.items;
    expect(hh.find((x: any) => x.room === '102').personCount).toBe(2);
  });

  it('reads a csv saved by Chinese Excel (GB18030)', async () => {
    // "楼栋,单元,房号,户主\r\n导入小区2栋,2,601,王五\r\n" in GB18030
    const gbk = Buffer.from(
      'c2a5b6b02cb5a5d4aa2cb7bfbac52cbba7d6f70d0ab5bcc8ebd0a1c7f832b6b02c322c3630312ccdf5cee50d0a',
      'hex',
    );
    const res = await upload('households', 'gbk.csv', gbk);
    expect(res.status).toBe(200);
    const hh = (await http(t.url, admin.token).get('/api/geo/households?q=601')).body.items;
    expect(hh).toMatchObject([{ unit: '2', room: '601', headName: '王*' }]);
  });

  it('imports sites from xlsx with type labels, grid codes and derived grids', async () => {
    const file = await xlsx(
      ['场所名称', '类型', '地址', '经度', '纬度', '网格', '九小场所', '分级', '联系人', '联系电话'],
      [
        ['惠民便利店', '商铺', '和平路1号', 114.306, 30.506, '', '是', 'B', '王老板', '13500001111'],
        ['平安加油站', 'petrol_station', '和平路99号', 114.316, 30.506, 'IMP-G2', '否', 'A', '', ''],
      ],
    );
    const res = await upload('sites', 'sites.xlsx', file);
    expect(res.status).toBe(200);
    const sites = (await http(t.url, admin.token).get('/api/geo/sites?limit=100')).body.items;
    expect(sites.find((x: any) => x.name === '惠民便利店')).toMatchObject({
      type: 'shop',
      nineSmall: true,
      grade: 'B',
      gridId: s.grids[0]!.id,
    });
    expect(sites.find((x: any) => x.name === '平安加油站')).toMatchObject({
      type: 'petrol_station',
      gridId: s.grids[1]!.id,
    });
  });

  it('rejects a bad spreadsheet naming every bad row and column, and writes nothing', async () => {
    const before = { households: await count('household'), events: (await events()).length };
    const file = await xlsx(
      ['楼栋', '单元', '房号', '户主', '电话'],
      [
        ['导入小区2栋', '1', '301', '好人一', '13900003333'], // fine
        ['导入小区2栋', '1', '302', '坏电话', 'call me'], // row 3: phone
        ['不存在的楼', '1', '101', '张三', ''], // row 4: building
        ['导入小区1栋', '1', '101', '重复户', ''], // row 5: already registered
        ['导入小区2栋', '1', '', '', ''], // row 6: room and head missing
      ],
    );
    const res = await upload('households', 'bad.xlsx', file);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('errors.import_failed');
    const fields = res.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'row 3, column 电话',
        'row 4, column 楼栋',
        'row 5, column 房号',
        'row 6, column 房号',
        'row 6, column 户主',
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('row 2,'))).toBe(false);
    expect(res.body.errors.every((e: any) => e.code && e.message)).toBe(true);
    expect(await count('household')).toBe(before.households);
    expect((await events()).length).toBe(before.events);
  });

  it('rejects bad GeoJSON features and a bad csv the same way', async () => {
    const before = await count('building');
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(point(114.301, 30.501), { name: '好楼', floors: 5 }),
        feature(point(120, 40), { name: '远方', floors: 5 }), // outside every grid
        feature(point(114.302, 30.502), { name: '无层数' }),
        feature(
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          { name: '线', floors: 2 },
        ),
      ],
    };
    const res = await http(t.url, admin.token).post('/api/geo/import/buildings', fc);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual([
      'feature 2, property geometry',
      'feature 3, property floors',
      'feature 4, property geometry',
    ]);
    expect(res.body.errors[0].code).toBe('outside_area');
    expect(await count('building')).toBe(before);

    const csv = '姓名,身份证号,楼栋,房号\n某人,12345,导入小区1栋,101\n';
    const bad = await upload('persons', 'p.csv', csv);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['row 2, column 身份证号']);
    // an 18-digit ID number typed into Excel as a number has lost digits: refused, not stored wrong
    const numeric = await xlsx(
      ['姓名', '身份证号', '楼栋', '房号'],
      [['某人', Number('420106198001011234'), '导入小区1栋', '101']],
    );
    expect((await upload('persons', 'p.xlsx', numeric)).body.errors.map((e: any) => e.field)).toEqual([
      'row 2, column 身份证号',
    ]);
    const missing = await upload('persons', 'p.csv', '姓名,电话\n某人,13900000000\n');
    expect(missing.body.errors.map((e: any) => e.field)).toEqual(['column 楼栋', 'column 房号']);
  });

  it('caps file size (413) and type (415), and needs geo.import', async () => {
    const big = await upload('households', 'big.csv', Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('errors.payload_too_large');
    const pdf = await upload('households', 'scan.pdf', 'not a sheet');
    expect(pdf.status).toBe(415);
    const geojsonForHouseholds = await http(t.url, admin.token).post('/api/geo/import/households', {
      type: 'FeatureCollection',
      features: [],
    });
    expect(geojsonForHouseholds.status).toBe(415);
    expect((await upload('households', 'x.csv', '楼栋,房号,户主\n', staff.token)).status).toBe(403);
    expect((await http(t.url, admin.token).post('/api/geo/import/pets', {})).body.errors[0].field).toBe('kind');
  });
});
