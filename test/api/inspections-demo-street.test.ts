import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@gridboard/server/auth/demo-accounts';
import { seedDemo } from '@gridboard/server/db/seed';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { login } from '../support/auth';
import { http } from '../support/http';
import { testImage } from '../support/inspections';

/** The demo street ships checklists and a running campaign; the demo accounts work them end to end. */
describe('inspections on the demo street', () => {
  let t: TestApp;
  let ds: DataSource;
  const as = async (username: string) => http(t.url, (await login(t, username, DEMO_PASSWORD)).accessToken);

  beforeAll(async () => {
    t = await startApp({ SEED_DEMO: 'true' });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('seeds four checklists and the fire-safety campaign over restaurants and the nine small places, once', async () => {
    const leader = await as('leader');
    const templates = (await leader.get('/api/inspections/templates')).body.items;
    expect(templates.map((x: { name: string }) => x.name).sort()).toEqual(
      ['九小场所消防安全检查表', '餐饮场所燃气安全检查表', '电动自行车“飞线充电”排查表', '自建房安全排查表'].sort(),
    );
    const campaigns = (await leader.get('/api/inspections/campaigns?status=active')).body.items;
    expect(campaigns).toHaveLength(1);
    const c = campaigns[0];
    expect(c.name).toMatch(/^\d{4}年消防安全专项整治行动$/);
    expect(c.departments.map((d: { name: string }) => d.name).sort()).toEqual(
      ['应急管理办', '消防救援站', '市监所'].sort(),
    );
    const [{ n }] = await ds.query(
      "SELECT count(*)::int AS n FROM site WHERE street_id = $1 AND (type = 'restaurant' OR nine_small)",
      [c.streetId],
    );
    expect(c.progress).toMatchObject({ targeted: n, inspected: 0, hazardsFound: 0 });
    expect(n).toBeGreaterThan(150);
    const again = await seedDemo(ds, { streets: 1 });
    expect(again.created).toBe(0);
    const [{ m }] = await ds.query('SELECT count(*)::int AS m FROM checklist_template');
    expect(m).toBe(4);
  });

  it('lets worker01 inspect a due site of grid 01 in the campaign, seen by the fire department', async () => {
    const worker = await as('worker01');
    const campaign = (await worker.get('/api/inspections/campaigns?status=active')).body.items[0];
    const due = (await worker.get(`/api/inspections/due?campaignId=${campaign.id}`)).body;
    expect(due.total).toBeGreaterThan(0);
    expect(due.items.every((i: { dueStatus: string; gridId: string }) => i.dueStatus === 'never')).toBe(true);
    const site = due.items[0];
    const template = (await worker.get(`/api/inspections/templates/${campaign.templateId}`)).body;
    const form = new FormData();
    form.append('photos', new Blob([new Uint8Array(await testImage())]), 'a.jpg');
    const up = await fetch(`${t.url}/api/inspections/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await login(t, 'worker01', DEMO_PASSWORD)).accessToken}` },
      body: form,
    });
    const photoId = ((await up.json()) as { photos: { id: string }[] }).photos[0]!.id;
    const answers = template.currentVersion.items.map(
      (i: { key: string; kind: string; passWhen?: string; min?: number }) => ({
        itemKey: i.key,
        value:
          i.kind === 'yes_no'
            ? i.passWhen === 'yes'
            : i.kind === 'number'
              ? (i.min ?? 0) + 1
              : i.kind === 'text'
                ? ''
                : null,
        photoIds: i.kind === 'photo_required' ? [photoId] : [],
      }),
    );
    const exits = answers.find((a: { itemKey: string }) => a.itemKey === 'exits');
    exits.value = false;
    const r = await worker.post('/api/inspections/records', {
      clientId: randomUUID(),
      siteId: site.siteId,
      templateVersionId: template.currentVersion.id,
      campaignId: campaign.id,
      answers,
      hazards: [{ itemKey: 'exits', description: '安全出口堆放杂物', responsibleParty: site.name }],
    });
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    expect(r.body.hazards[0]).toMatchObject({ severity: 'high', itemLabel: '疏散通道、安全出口畅通' });
    const fire = await as('dept-fire');
    expect((await fire.get(`/api/hazards/${r.body.hazards[0].id}`)).status).toBe(200);
    expect((await (await as('dept-water')).get(`/api/hazards/${r.body.hazards[0].id}`)).status).toBe(404);
    const progress = (await fire.get(`/api/inspections/campaigns/${campaign.id}/progress`)).body.progress;
    expect(progress).toMatchObject({ inspected: 1, failed: 1, hazardsFound: 1, hazardsOpen: 1 });
  });
});
