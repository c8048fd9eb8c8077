import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { type Cast, createCast } from '../support/incidents';
import { as, createCampaign, createSite, createTemplate, hazardAct, inspect } from '../support/inspections';
import { discoverRoutes } from '../support/routes';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Downloads a workbook and reads it back with exceljs: every sheet as rows of cell texts. */
async function workbook(t: TestApp, u: TestUser, path: string) {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${u.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const sheets: Record<string, (string | number | null)[][]> = {};
  wb.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: (string | number | null)[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      }
      rows.push(cells);
    });
    sheets[ws.name] = rows;
  });
  return sheets;
}

/** The column of `header` in a ledger (row 2 holds the headers). */
const column = (rows: (string | number | null)[][], header: string) => {
  const i = rows[1]!.indexOf(header);
  expect([header, i >= 0]).toEqual([header, true]);
  return (r: (string | number | null)[]) => r[i];
};

describe('ledgers (台账) and the monthly summary', () => {
  let t: TestApp;
  let s: StreetFixture;
  let cast: Cast;
  const sites: { id: string; name: string }[] = [];
  let closedHazard: string;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'LED');
    cast = await createCast(t, s, 'led');
    const tpl = await createTemplate(t, cast.leader, s.street.id);
    const v = tpl.currentVersion.id;
    for (let i = 0; i < 3; i++) sites.push(await createSite(t, s, 0, { name: `台账餐馆${i + 1}` }));
    const far = await createSite(t, s, 2, { name: '二网格餐馆' });
    const campaign = await createCampaign(t, cast.leader, s.street.id, tpl.id);
    // 1: passes. 2: two hazards. 3: one hazard, rectified and closed after a re-inspection.
    await inspect(t, cast.grid_worker, sites[0]!.id, v, { campaignId: campaign.id });
    await inspect(
      t,
      cast.grid_worker,
      sites[1]!.id,
      v,
      {
        campaignId: campaign.id,
        hazards: [
          {
            itemKey: 'wiring',
            description: '私拉电线',
            responsibleParty: '台账餐馆2',
            responsibleContact: '李四光',
            responsiblePhone: '13611112222',
          },
          { itemKey: 'extinguisher', description: '灭火器过期', severity: 'low' },
        ],
      },
      { wiring: true, extinguisher: false },
    );
    const third = await inspect(
      t,
      cast.grid_worker,
      sites[2]!.id,
      v,
      { campaignId: campaign.id, hazards: [{ itemKey: 'cylinder', description: '钢瓶放在操作间' }] },
      { cylinder: 'kitchen' },
    );
    closedHazard = third.hazards[0].id;
    await hazardAct(t, cast.admin, cast.grid_leader, closedHazard, 'submit_rectification', { note: '钢瓶已移出' });
    const recheck = await inspect(t, cast.grid_leader, sites[2]!.id, v, { campaignId: campaign.id });
    const closed = await hazardAct(t, cast.admin, cast.grid_leader, closedHazard, 'recheck_pass', {
      recordId: recheck.record.id,
    });
    expect(closed.status).toBe(200);
    // Outside the grid worker's grid, and a drill: both must stay out of their ledger.
    const g3 = await createUser(t, 'led-g3', 'grid_worker', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[2]!.id],
    });
    await inspect(t, g3, far.id, v, { hazards: [{ itemKey: 'wiring', description: '别的网格' }] }, { wiring: true });
    await inspect(
      t,
      cast.grid_worker,
      sites[0]!.id,
      v,
      {
        drillId: randomUUID(),
        hazards: [{ itemKey: 'wiring', description: '演练' }],
      },
      { wiring: true },
    );
  });
  afterAll(() => t.close());

  it('exports the inspection ledger with the columns street offices use, one row per visit, and totals', async () => {
    const sheets = await workbook(t, cast.grid_worker, '/api/inspections/records.xlsx');
    const rows = sheets['检查台账']!;
    expect(String(rows[0]![0])).toMatch(/^LED街道安全检查台账/);
    expect(rows[1]).toEqual([
      '序号',
      '场所名称',
      '场所类型',
      '地址',
      '社区',
      '网格',
      '检查时间',
      '检查人',
      '专项行动',
      '检查表',
      '检查结果',
      '不合格项',
      '隐患数',
      '隐患描述',
      '整改期限',
      '整改情况',
      '复查人',
      '销号时间',
    ]);
    const data = rows.slice(2, -1);
    const totals = rows.at(-1)!;
    const col = (h: string) => column(rows, h);
    // Four real visits in grid 1 (the re-inspection too); the other grid and the drill are not here.
    expect(data.map(col('序号'))).toEqual([1, 2, 3, 4]);
    expect(data.map(col('场所名称'))).toEqual(['台账餐馆1', '台账餐馆2', '台账餐馆3', '台账餐馆3']);
    expect(data.map(col('检查结果'))).toEqual(['合格', '发现隐患', '发现隐患', '合格']);
    expect(data.map(col('隐患数'))).toEqual([0, 2, 1, 0]);
    expect(data.map(col('检查人'))).toEqual([
      'led-grid_worker',
      'led-grid_worker',
      'led-grid_worker',
      'led-grid_leader',
    ]);
    expect(data.map(col('网格'))).toEqual(['网格1', '网格1', '网格1', '网格1']);
    expect(data.map(col('场所类型'))).toEqual(['餐饮店', '餐饮店', '餐饮店', '餐饮店']);
    expect(String(col('检查表')(data[0]!))).toMatch(/（第1版）$/);
    expect(col('隐患描述')(data[1]!)).toBe('1. 私拉电线\n2. 灭火器过期');
    expect(col('不合格项')(data[1]!)).toBe('灭火器配置齐全且在有效期内；存在私拉乱接电线');
    expect(col('整改情况')(data[1]!)).toBe('1. 待整改\n2. 待整改');
    expect([col('整改情况')(data[2]!), col('复查人')(data[2]!)]).toEqual(['已销号', 'led-grid_leader']);
    expect(String(col('销号时间')(data[2]!))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(String(col('检查时间')(data[0]!))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(totals[0]).toBe('合计');
    expect([col('场所名称')(totals), col('检查结果')(totals), col('隐患数')(totals), col('整改情况')(totals)]).toEqual([
      '检查 4 次',
      '合格 2，发现隐患 2',
      3,
      '已销号 1',
    ]);
    // The duty room sees the whole street: five real visits.
    const street = (await workbook(t, cast.duty_officer, '/api/inspections/records.xlsx'))['检查台账']!;
    expect(street.length - 3).toBe(5);
    const none = (await workbook(t, cast.grid_worker, `/api/inspections/records.xlsx?siteId=${randomUUID()}`))[
      '检查台账'
    ]!;
    expect(none.at(-1)![1]).toBe('检查 0 次');
  });

  it('exports the hazard ledger, masked, with state, overdue and recurrence, and totals', async () => {
    const rows = (await workbook(t, cast.duty_officer, '/api/hazards.xlsx'))['隐患台账']!;
    const data = rows.slice(2, -1);
    const col = (h: string) => column(rows, h);
    expect(data.map(col('序号'))).toEqual([1, 2, 3, 4]);
    expect(data.map(col('隐患描述'))).toEqual(['私拉电线', '灭火器过期', '钢瓶放在操作间', '别的网格']);
    expect(data.map(col('整改情况'))).toEqual(['待整改', '待整改', '已销号', '待整改']);
    expect(data.map(col('隐患等级'))).toEqual(['严重', '一般', '较重', '严重']);
    expect([col('责任人')(data[0]!), col('联系电话')(data[0]!), col('责任单位')(data[0]!)]).toEqual([
      '李*光',
      '136****2222',
      '台账餐馆2',
    ]);
    expect(data.map(col('检查项'))).toEqual([
      '存在私拉乱接电线',
      '灭火器配置齐全且在有效期内',
      '液化气钢瓶存放',
      '存在私拉乱接电线',
    ]);
    expect(String(col('隐患编号')(data[0]!))).toMatch(/^YH-\d{8}-\d{4}$/);
    expect(data.map(col('是否超期'))).toEqual(['否', '否', '否', '否']);
    const totals = rows.at(-1)!;
    expect([
      col('隐患编号')(totals),
      col('整改情况')(totals),
      col('是否超期')(totals),
      col('延期次数')(totals),
    ]).toEqual(['隐患 4 条', '已销号 1，未销号 3', '超期 0', 0]);
    const open = (await workbook(t, cast.duty_officer, '/api/hazards.xlsx?state=open'))['隐患台账']!;
    expect(open.length - 3).toBe(3);
    expect(JSON.stringify(rows)).not.toMatch(/13611112222|李四光/);
  });

  it('sums up the month as JSON and as a workbook (real data only)', async () => {
    const s1 = await as(t, cast.duty_officer).get('/api/inspections/summary');
    expect(s1.status).toBe(200);
    expect(s1.body.month).toMatch(/^\d{4}-\d{2}$/);
    expect(s1.body.records).toEqual({ total: 5, passed: 2, failed: 3, sites: 4 });
    expect(s1.body.hazards).toMatchObject({
      found: 4,
      closed: 1,
      closedOnTime: 1,
      openAtEnd: 3,
      extensions: 0,
      recurring: 0,
      closureRate: 0.25,
    });
    expect(s1.body.byGrid).toEqual([
      expect.objectContaining({ gridCode: 'LED-G1', records: 4, failedRecords: 2, hazardsFound: 3, hazardsClosed: 1 }),
      expect.objectContaining({ gridCode: 'LED-G3', records: 1, failedRecords: 1, hazardsFound: 1, hazardsClosed: 0 }),
    ]);
    expect(s1.body.byCampaign).toHaveLength(1);
    expect(s1.body.byCampaign[0]).toMatchObject({ records: 4, hazardsFound: 3, hazardsClosed: 1 });
    const old = await as(t, cast.duty_officer).get('/api/inspections/summary?month=2020-01');
    expect(old.body.records.total).toBe(0);
    expect(old.body.hazards.closureRate).toBeNull();
    expect((await as(t, cast.duty_officer).get('/api/inspections/summary?month=2020-13')).body.errors[0].field).toBe(
      'month',
    );
    const mine = await as(t, cast.grid_worker).get('/api/inspections/summary');
    expect(mine.body.records.total).toBe(4);

    const wb = await workbook(t, cast.duty_officer, `/api/inspections/summary.xlsx?month=${s1.body.month}`);
    expect(Object.keys(wb)).toEqual(['月度汇总', '分网格', '分专项行动']);
    const kv = Object.fromEntries(wb['月度汇总']!.slice(2).map((r) => [r[0], r[1]]));
    expect(kv).toMatchObject({ 检查次数: 5, 本月发现隐患: 4, 本月销号隐患: 1, 月末未销号隐患: 3, 销号率: '25.0%' });
    const grids = wb['分网格']!;
    expect(grids.at(-1)).toEqual(['合计', '', 5, 3, 4, 1]);
  });

  it('documents every inspection and hazard route in OpenAPI', async () => {
    const doc = (await as(t, cast.admin).get('/api/docs-json')).body;
    const ours = discoverRoutes(t.app).filter((r) => /^\/api\/(inspections|hazards)/.test(r.path));
    expect(ours.length).toBeGreaterThanOrEqual(25);
    for (const r of ours) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect([path, r.method, Boolean(doc.paths[path]?.[r.method.toLowerCase()])]).toEqual([path, r.method, true]);
    }
    const act = doc.paths['/api/hazards/{id}/actions/{action}'].post;
    expect(act.requestBody.content['application/json'].schema.oneOf).toHaveLength(8);
    expect(doc.paths['/api/inspections/records'].post.requestBody.content['application/json'].schema.$ref).toMatch(
      /CreateRecordDto$/,
    );
  });
});
