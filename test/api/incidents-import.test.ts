import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture, type TestUser } from '../support/factories';
import { api, type Cast, createCast, pointIn, read } from '../support/incidents';
import { unmaskedPii } from '../support/pii';

const HEADERS = [
  '工单编号',
  '标题',
  '诉求内容',
  '诉求类型',
  '紧急程度',
  '地址',
  '纬度',
  '经度',
  '网格编号',
  '来电人',
  '来电号码',
  '受理时间',
  '办理时限',
];

async function xlsx(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** GB18030 as Excel in China saves CSV; built from the platform decoder, since Node has no encoder for it. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return Buffer.from(out);
}

async function importFile(t: TestApp, u: TestUser, file: Buffer, name: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const res = await fetch(`${t.url}/api/incidents/import/hotline${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('12345 hotline import', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'HOT');
    cast = await createCast(t, s, 'hot');
  });
  afterAll(() => t.close());

  const g1 = () => pointIn(s, 1);
  const rows = () => [
    [
      '12345-202603-0001',
      '小区门口积水',
      '雨后积水严重',
      '积水',
      '较重',
      '幸福路 1 号',
      g1().lat,
      g1().lng,
      '',
      '李小龙',
      '13912345678',
      new Date(Date.UTC(2026, 2, 1, 9, 30)),
      '',
    ],
    [
      '12345-202603-0002',
      '楼上噪音扰民',
      '夜间噪音',
      'noise',
      '',
      '幸福路 2 号',
      '',
      '',
      'HOT-G1',
      '王五',
      '',
      '2026/3/2 14:05',
      '2026-03-06 18:00',
    ],
    ['12345-202603-0003', '电动车飞线充电', '', '飞线充电', '紧急', '', '', '', 'HOT-G3', '', '', '', ''],
  ];

  it('creates incidents from an xlsx export, then updates the same ones when imported again', async () => {
    const first = await importFile(t, cast.duty_officer, await xlsx(rows()), '12345.xlsx');
    expect([first.status, first.body.code]).toEqual([200, undefined]);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(unmaskedPii(first.body)).toEqual([]);
    const [a, b, c] = await Promise.all(first.body.incidentIds.map((id: string) => read(t, cast.admin, id)));
    expect(a).toMatchObject({
      source: 'hotline_12345',
      hotlineTicket: '12345-202603-0001',
      category: 'waterlogging',
      severity: 'medium',
      gridId: s.grids[1]!.id,
      reporterName: '李*龙',
      reporterPhone: '139****5678',
      reportedAt: '2026-03-01T01:30:00.000Z',
      number: 'SJ-20260301-0001',
    });
    expect(b).toMatchObject({
      category: 'noise',
      gridId: s.grids[0]!.id,
      reportedAt: '2026-03-02T06:05:00.000Z',
      deadline: '2026-03-06T10:00:00.000Z',
    });
    expect(c).toMatchObject({ category: 'flying_wire_charging', severity: 'critical', gridId: s.grids[2]!.id });
    const total = (await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total;

    const changed = rows();
    changed[0]![2] = '雨后积水严重，已淹没非机动车棚';
    const second = await importFile(t, cast.duty_officer, await xlsx(changed), '12345-again.xlsx');
    expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, rejected: 0 });
    expect(second.body.incidentIds).toEqual(first.body.incidentIds);
    expect((await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total).toBe(total);
    const updated = await read(t, cast.admin, a.id);
    expect(updated.description).toBe('雨后积水严重，已淹没非机动车棚');
    expect(updated.version).toBe(a.version + 1);
    expect(updated.timeline.map((x: { action: string }) => x.action)).toEqual(['report', 'import_update']);
  });

  it('rejects the whole file with row, column and reason when any row is wrong', async () => {
    const before = (await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total;
    const bad = [
      ['N-1', '正常的一行', '', '噪音', '', '', '', '', 'HOT-G1', '', '', '', ''],
      ['', '没有工单号', '', '噪音', '', '', '', '', 'HOT-G1', '', '', '', ''],
      ['N-3', '未知类别', '', '外星人', '', '', '', '', 'HOT-G1', '', '', '', ''],
      ['N-4', '日期不对', '', '噪音', '', '', '', '', 'HOT-G1', '', '', '2026-02-30', ''],
      ['N-5', '不在街道内', '', '噪音', '', '', 10, 10, '', '', '', '', ''],
      ['N-1', '重复工单', '', '噪音', '', '', '', '', 'HOT-G1', '', '', '', ''],
      ['N-7', '电话不对', '', '噪音', '', '', '', '', 'NO-SUCH', '', 'call me', '', ''],
    ];
    const res = await importFile(t, cast.duty_officer, await xlsx(bad), 'bad.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('errors.import_failed');
    expect(res.body.message).toBe('导入失败，未写入任何数据，请按行列修正后重试');
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['row 3, column 工单编号', 'required'],
      ['row 4, column 诉求类型', 'unknown_category'],
      ['row 5, column 受理时间', 'invalid_date'],
      ['row 6, column 纬度', 'outside_area'],
      ['row 7, column 工单编号', 'duplicate'],
      ['row 8, column 来电号码', 'invalid_phone'],
      ['row 8, column 网格编号', 'not_found'],
    ]);
    expect((await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total).toBe(before);
    const noColumn = await importFile(t, cast.duty_officer, await xlsx([['x']], ['编号']), 'cols.xlsx');
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.errors[0]).toMatchObject({ field: 'column 工单编号', code: 'missing_column' });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await importFile(t, cast.duty_officer, xls, 'old.xls')).status).toBe(415);
    expect((await importFile(t, cast.grid_worker, await xlsx(rows()), 'x.xlsx')).status).toBe(403);
  });

  it('reads a GB18030 CSV with a mapping saved for its source', async () => {
    const get = await api(t, cast.duty_officer).get('/api/incidents/import/mappings/digital_city');
    expect(get.body).toMatchObject({ saved: false, columns: { ticket: '工单编号' } });
    const columns = { ticket: '案件编号', title: '问题描述', category: '大类', gridCode: '责任网格', address: '位置' };
    const put = await api(t, cast.duty_officer).put('/api/incidents/import/mappings/digital_city', { columns });
    expect(put.status).toBe(204);
    expect((await api(t, cast.duty_officer).get('/api/incidents/import/mappings/digital_city')).body).toEqual({
      columns,
      saved: true,
    });
    expect(
      (await api(t, cast.duty_officer).put('/api/incidents/import/mappings/digital_city', { columns: { title: 'x' } }))
        .status,
    ).toBe(400);
    const csv = gb18030(
      '案件编号,问题描述,大类,责任网格,位置\r\nDC-001,"井盖缺失，""危险""",设施损坏,HOT-G2,幸福路口\r\n',
    );
    const res = await importFile(t, cast.duty_officer, csv, '数字城管.csv', '?source=digital_city');
    expect([res.status, res.body.code]).toEqual([200, undefined]);
    expect(res.body.created).toBe(1);
    const i = await read(t, cast.admin, res.body.incidentIds[0]);
    expect(i).toMatchObject({
      source: 'digital_city',
      title: '井盖缺失，"危险"',
      category: 'facility_damage',
      gridId: s.grids[1]!.id,
      address: '幸福路口',
      hotlineTicket: 'DC-001',
    });
  });
});
