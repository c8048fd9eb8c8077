import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { createStreet } from '../support/factories';
import { type FloodFixture, floodFixture, gridCentre } from '../support/flood';
import { api } from '../support/incidents';
import { unmaskedPii } from '../support/pii';

/**
 * The fixed-transfer register: CRUD with versions, personal data masked everywhere and revealed on an
 * audited request (to roles with pii.reveal and to the household's own cadre), the grid following the
 * building, and the all-or-nothing spreadsheet import.
 */
describe('flood register (固定转移人员台账)', () => {
  let t: TestApp;
  let fx: FloodFixture;

  beforeAll(async () => {
    t = await startApp();
    fx = await floodFixture(t, await createStreet(t, 'FRG'), 'frg');
  });
  afterAll(() => t.close());

  it('registers a household with masked personal data; the list carries personCount and is scoped', async () => {
    const h = await fx.household(0, { personCount: 3, vulnerable: ['elderly', 'bedridden'], riskType: 'basement' });
    expect(h).toMatchObject({
      personCount: 3,
      headName: '张*丰',
      phone: '138****5678',
      idNumber: '420102********1234',
      cadrePhone: '139****2222',
      vulnerable: ['elderly', 'bedridden'],
      riskType: 'basement',
      gridId: fx.s.grids[0]!.id,
      communityId: fx.s.communities[0]!.id,
      streetId: fx.s.street.id,
      cardCode: expect.stringMatching(/^FX-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
    });
    await fx.household(2);
    const list = await api(t, fx.cast.grid_worker).get('/api/flood/households?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: { gridId: string }) => i.gridId === fx.s.grids[0]!.id)).toBe(true);
    expect(list.body.items.find((i: { id: string }) => i.id === h.id)).toMatchObject({ personCount: 3 });
    expect(typeof list.body.seq).toBe('number');
    const all = await api(t, fx.cast.duty_officer).get('/api/flood/households?limit=100&riskType=basement');
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([h.id]);
    for (const u of [fx.cast.duty_officer, fx.cast.grid_worker, fx.cast.display]) {
      expect(unmaskedPii((await api(t, u).get('/api/flood/households?limit=100')).body)).toEqual([]);
    }
    const elsewhere = await fx.household(3);
    expect((await api(t, fx.cast.grid_worker).get(`/api/flood/households/${elsewhere.id}`)).status).toBe(404);
  });

  it('reveals to pii.reveal roles and to the household’s own cadre, audited; refuses other cadres', async () => {
    const h = await fx.household(0, {
      cadreUserId: fx.cast.grid_worker.user.id,
      cadreName: undefined,
      cadrePhone: undefined,
    });
    const plain = await fx.household(0);
    const mine = await api(t, fx.cast.grid_worker).post(`/api/flood/households/${h.id}/reveal`);
    expect([mine.status, mine.body.phone, mine.body.idNumber, mine.body.headName]).toEqual([
      200,
      '13812345678',
      '420102199001011234',
      '张三丰',
    ]);
    const notMine = await api(t, fx.cast.grid_worker).post(`/api/flood/households/${plain.id}/reveal`);
    expect([notMine.status, notMine.body.code]).toEqual([403, 'errors.forbidden']);
    const duty = await api(t, fx.cast.duty_officer).post(`/api/flood/households/${plain.id}/reveal`);
    expect([duty.status, duty.body.cadrePhone]).toEqual([200, '13911112222']);
    const audit = (await api(t, fx.cast.admin).get('/api/audit?action=pii.reveal&limit=100')).body.items;
    expect(audit.filter((a: { objectId: string }) => [h.id, plain.id].includes(a.objectId))).toHaveLength(2);
    const denied = (await api(t, fx.cast.admin).get('/api/audit?action=deny:pii.reveal&limit=100')).body.items;
    expect(denied.map((a: { objectId: string }) => a.objectId)).toContain(plain.id);
  });

  it('a cadre account must see the household, else it would never receive the tasks', async () => {
    const b = await fx.building(2);
    const r = await api(t, fx.cast.admin).post('/api/flood/households', {
      buildingId: b.id,
      headName: '王五',
      personCount: 1,
      riskType: 'slope',
      cadreUserId: fx.cast.grid_worker.user.id,
      shelterId: fx.shelters[1]!.id,
    });
    expect([r.status, r.body.errors?.[0]?.field, r.body.errors?.[0]?.code]).toEqual([
      400,
      'cadreUserId',
      'out_of_scope',
    ]);
  });

  it('updates with a version (409 with current when stale), follows its building to another grid, 409 in_use once tasked', async () => {
    const h = await fx.household(0);
    const stale = await api(t, fx.cast.community_staff).patch(`/api/flood/households/${h.id}`, {
      version: h.version + 5,
      personCount: 4,
    });
    expect([stale.status, stale.body.code, stale.body.current.personCount]).toEqual([409, 'errors.conflict', 2]);
    expect(unmaskedPii(stale.body)).toEqual([]);
    const ok = await api(t, fx.cast.community_staff).patch(`/api/flood/households/${h.id}`, {
      version: h.version,
      personCount: 4,
    });
    expect([ok.status, ok.body.personCount, ok.body.version]).toEqual([200, 4, h.version + 1]);
    // community staff cannot register in another community (visible street-wide? no: 404 out of sight)
    const b3 = await fx.building(3);
    const away = await api(t, fx.cast.community_staff).patch(`/api/flood/households/${h.id}`, {
      version: ok.body.version,
      buildingId: b3.id,
    });
    expect(away.status).toBe(404);
    // the building moves to grid 1 in the registry: the household follows
    const move = await api(t, fx.cast.admin).patch(`/api/geo/buildings/${h.buildingId}`, {
      version: 1,
      ...gridCentre(fx.s, 1),
    });
    expect(move.status).toBe(200);
    const moved = (await api(t, fx.cast.admin).get(`/api/flood/households/${h.id}`)).body;
    expect(moved.gridId).toBe(fx.s.grids[1]!.id);
    expect((await api(t, fx.cast.grid_worker).get(`/api/flood/households/${h.id}`)).status).toBe(404);
    const w = await api(t, fx.cast.duty_officer).post('/api/flood/warnings', {
      type: 'rainstorm',
      level: 'blue',
      message: '演练',
      scope: { kind: 'grids', gridIds: [fx.s.grids[1]!.id] },
    });
    expect(w.body.warning.households).toBe(1);
    const del = await api(t, fx.cast.duty_officer).delete(`/api/flood/households/${h.id}`);
    expect([del.status, del.body.code]).toEqual([409, 'errors.in_use']);
    const fresh = await fx.household(0);
    expect((await api(t, fx.cast.duty_officer).delete(`/api/flood/households/${fresh.id}`)).status).toBe(204);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const r = await api(t, fx.cast.duty_officer).post('/api/flood/households', {
      headName: '',
      personCount: 0,
      riskType: 'flooded',
      shelterId: 'nope',
      phone: 'abc',
      vulnerable: ['elderly', 'elderly'],
    });
    expect(r.status).toBe(400);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['headName', 'personCount', 'riskType', 'shelterId', 'phone', 'vulnerable']),
    );
    const noPlace = await api(t, fx.cast.duty_officer).post('/api/flood/households', {
      headName: '赵六',
      personCount: 1,
      riskType: 'slope',
      cadreName: '李',
      shelterId: fx.shelters[0]!.id,
    });
    expect([noPlace.status, noPlace.body.errors[0].field]).toEqual([400, 'buildingId']);
  });

  describe('import', () => {
    const HEAD = [
      '楼栋',
      '单元',
      '房号',
      '户主',
      '电话',
      '身份证号',
      '人数',
      '特殊人群',
      '风险类型',
      '包保责任人',
      '责任人电话',
      '安置点',
    ];
    async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.addRow(HEAD);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    async function upload(buf: Buffer, name = 'register.xlsx') {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(buf)]), name);
      const res = await fetch(`${t.url}/api/flood/households/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.cast.duty_officer.token}` },
        body: form,
      });
      return { status: res.status, body: await res.json() };
    }
    let buildings: string[];
    beforeAll(async () => {
      buildings = [];
      for (const g of [0, 2]) {
        const b = await fx.building(g);
        buildings.push((await api(t, fx.cast.admin).get(`/api/geo/buildings/${b.id}`)).body.name);
      }
    });

    it('imports a clean sheet, linking a cadre by username', async () => {
      const count = async () => (await api(t, fx.cast.admin).get('/api/flood/households?limit=1')).body.total as number;
      const before = await count();
      const r = await upload(
        await xlsx([
          [
            buildings[0]!,
            '1',
            '101',
            '刘一',
            '13800001111',
            '',
            2,
            '老人、儿童',
            '低洼地',
            fx.cast.grid_leader.user.username,
            '',
            fx.shelters[0]!.name,
          ],
          [buildings[1]!, '', '', '陈二', '', '', 1, '', '危房', '周包保', '13922223333', fx.shelters[1]!.name],
        ]),
      );
      expect([r.status, r.body]).toEqual([200, { rows: 2, created: 2 }]);
      expect(await count()).toBe(before + 2);
      const linked = (await api(t, fx.cast.grid_leader).get('/api/flood/households?mine=true')).body.items;
      expect(linked).toHaveLength(1);
      expect(linked[0]).toMatchObject({ vulnerable: ['elderly', 'children'], riskType: 'low_lying', personCount: 2 });
    });

    it('refuses a bad sheet whole, naming row, column and reason', async () => {
      const count = async () => (await api(t, fx.cast.admin).get('/api/flood/households?limit=1')).body.total as number;
      const before = await count();
      const r = await upload(
        await xlsx([
          [buildings[0]!, '2', '201', '好行', '13800002222', '', 1, '', '低洼地', '王包保', '', fx.shelters[0]!.name],
          ['不存在楼', '', '', '坏行', '', '', 1, '', '低洼地', '王包保', '', fx.shelters[0]!.name],
          [buildings[0]!, '2', '202', '坏行', '', '', 0, '孕妇', '内涝', 'nosuchuser', '', '无此安置点'],
          [buildings[0]!, '1', '101', '重复', '', '', 1, '', '低洼地', '王包保', '', fx.shelters[0]!.name],
        ]),
      );
      expect([r.status, r.body.code]).toEqual([400, 'errors.import_failed']);
      const fields = r.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'row 3, column 楼栋',
          'row 4, column 人数',
          'row 4, column 特殊人群',
          'row 4, column 风险类型',
          'row 5, column 房号',
        ]),
      );
      expect(fields.some((f: string) => f.startsWith('row 2'))).toBe(false);
      expect(await count()).toBe(before);
      const unknownUser = await upload(
        await xlsx([
          [buildings[0]!, '3', '301', '某人', '', '', 1, '', '边坡', 'nosuchuser', '', fx.shelters[0]!.name],
        ]),
      );
      expect(unknownUser.body.errors).toEqual([
        expect.objectContaining({ field: 'row 2, column 包保责任人', code: 'not_found' }),
      ]);
      expect((await upload(Buffer.from('x'), 'register.pdf')).status).toBe(415);
    });
  });
});
