import { randomUUID } from 'node:crypto';
import type { SiteType } from '@gridboard/shared';
import type { GridEntity } from '@gridboard/server/geo/grid.entity';
import { SiteEntity } from '@gridboard/server/geo/site.entity';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import type { TestApp } from './app';
import type { StreetFixture, TestUser } from './factories';
import { http } from './http';

/** A fire checklist as the tests use it: every kind of item. */
export const FIRE_ITEMS = [
  { key: 'extinguisher', label: '灭火器配置齐全且在有效期内', kind: 'yes_no' },
  { key: 'extinguisher_count', label: '灭火器数量', kind: 'number', min: 2, unit: '具', hazardSeverity: 'low' },
  { key: 'wiring', label: '存在私拉乱接电线', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'high' },
  {
    key: 'cylinder',
    label: '液化气钢瓶存放',
    kind: 'choice',
    options: [
      { value: 'room', label: '独立气瓶间', pass: true },
      { value: 'kitchen', label: '操作间内', pass: false },
    ],
  },
  { key: 'remark', label: '其他情况', kind: 'text', required: false },
  { key: 'photo', label: '现场照片', kind: 'photo_required' },
];

/** Answers that pass every FIRE_ITEMS item; `over` replaces values by key, `photoIds` go to the photo item. */
export function fireAnswers(photoIds: string[], over: Record<string, boolean | number | string | null> = {}) {
  const values: Record<string, boolean | number | string | null> = {
    extinguisher: true,
    extinguisher_count: 3,
    wiring: false,
    cylinder: 'room',
    remark: '',
    photo: null,
    ...over,
  };
  return Object.entries(values).map(([itemKey, value]) => ({
    itemKey,
    value,
    photoIds: itemKey === 'photo' ? photoIds : [],
  }));
}

let siteCount = 0;

type SiteOptions = { type?: SiteType; grade?: 'A' | 'B' | 'C'; nineSmall?: boolean; name?: string };

/** A site in grid `grid` of the street (the middle of its square), written straight to the registry. */
export function createSite(t: TestApp, s: StreetFixture, grid: number, over: SiteOptions = {}): Promise<SiteEntity> {
  return createSiteIn(t, s.grids[grid]!, over);
}

export async function createSiteIn(t: TestApp, g: GridEntity, over: SiteOptions = {}): Promise<SiteEntity> {
  siteCount++;
  return t.app.get(DataSource).manager.save(SiteEntity, {
    streetId: g.streetId,
    communityId: g.communityId,
    gridId: g.id,
    buildingId: null,
    name: over.name ?? `测试餐馆${siteCount}`,
    type: over.type ?? 'restaurant',
    nineSmall: over.nineSmall ?? true,
    grade: over.grade ?? 'B',
    address: `幸福路${siteCount}号`,
    lat: (g.minLat + g.maxLat) / 2 + siteCount * 1e-6,
    lng: (g.minLng + g.maxLng) / 2,
    contactName: '王老板',
    contactPhone: '13700001111',
  });
}

export function as(t: TestApp, u: TestUser) {
  return http(t.url, u.token);
}

/** A checklist template of the street (by an office user); answers the template with its current version. */
export async function createTemplate(t: TestApp, u: TestUser, streetId: string, items: unknown[] = FIRE_ITEMS) {
  const r = await as(t, u).post('/api/inspections/templates', {
    streetId,
    name: `消防检查表${randomUUID().slice(0, 4)}`,
    siteTypes: ['restaurant'],
    campaignTypes: ['fire'],
    items,
  });
  if (r.status !== 201) throw new Error(`template: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A campaign running today over the street's restaurants and nine small places. */
export async function createCampaign(
  t: TestApp,
  u: TestUser,
  streetId: string,
  templateId: string,
  over: Record<string, unknown> = {},
) {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const r = await as(t, u).post('/api/inspections/campaigns', {
    streetId,
    name: `消防安全专项整治${randomUUID().slice(0, 4)}`,
    type: 'fire',
    startsOn: today,
    endsOn: '2099-12-31',
    siteTypes: ['restaurant'],
    nineSmall: true,
    templateId,
    ...over,
  });
  if (r.status !== 201) throw new Error(`campaign: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const testImage = (seed = 0) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60 + seed, b: 30 } } })
    .jpeg()
    .toBuffer();

/** Uploads `n` photos as `u`; answers their ids. */
export async function uploadPhotos(t: TestApp, u: TestUser, n = 1): Promise<string[]> {
  const form = new FormData();
  for (let i = 0; i < n; i++) {
    form.append('photos', new Blob([new Uint8Array(await testImage(i))], { type: 'image/jpeg' }), `p${i}.jpg`);
  }
  const res = await fetch(`${t.url}/api/inspections/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.token}` },
    body: form,
  });
  const body = (await res.json()) as { photos: { id: string }[] };
  if (res.status !== 201) throw new Error(`photos: ${res.status} ${JSON.stringify(body)}`);
  return body.photos.map((p) => p.id);
}

/** A record body at `siteId` against `versionId`; answers pass unless `over` says otherwise. */
export function recordBody(
  siteId: string,
  versionId: string,
  photoIds: string[],
  over: Record<string, unknown> = {},
  answers: Record<string, boolean | number | string | null> = {},
) {
  return {
    clientId: randomUUID(),
    siteId,
    templateVersionId: versionId,
    answers: fireAnswers(photoIds, answers),
    ...over,
  };
}

/** Submits a record as `u` with fresh photos; answers the response body ({record, hazards}). */
export async function inspect(
  t: TestApp,
  u: TestUser,
  siteId: string,
  versionId: string,
  over: Record<string, unknown> = {},
  answers: Record<string, boolean | number | string | null> = {},
) {
  const photos = await uploadPhotos(t, u);
  const r = await as(t, u).post('/api/inspections/records', recordBody(siteId, versionId, photos, over, answers));
  if (r.status !== 201) throw new Error(`record: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Takes a hazard action with the hazard's current version (read by `reader`). */
export async function hazardAct(
  t: TestApp,
  reader: TestUser,
  u: TestUser,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
) {
  const h = await as(t, reader).get(`/api/hazards/${id}`);
  if (h.status !== 200) throw new Error(`hazard ${id}: ${h.status}`);
  return as(t, u).post(`/api/hazards/${id}/actions/${action}`, { version: h.body.version, ...body });
}

/** Where the authorization matrix puts a sample: a grid and a department of a street. */
export interface InspectionPlace {
  streetId: string;
  grid: GridEntity;
  departmentId: string;
}

/** A one-item checklist with no photo item, so a record needs no upload. */
const MATRIX_ITEMS = [{ key: 'ok', label: '检查合格', kind: 'yes_no' }];

/**
 * Everything of inspections in one place, made by a district admin: a checklist, a site of the
 * grid, a campaign joined by the department, and a record there that found a hazard. The record
 * and hazard belong to {street, community, grid, [department]}; template and campaign street-wide.
 */
export async function inspectionFixture(t: TestApp, admin: { token: string }, p: InspectionPlace) {
  const api = http(t.url, admin.token);
  const template = (
    await api.post('/api/inspections/templates', { streetId: p.streetId, name: '矩阵检查表', items: MATRIX_ITEMS })
  ).body;
  const site = await createSiteIn(t, p.grid);
  const campaign = await matrixCampaign(t, admin, p, template.id);
  const found = async () => {
    const r = await api.post('/api/inspections/records', matrixRecord(template, site.id, campaign.id, true));
    if (r.status !== 201) throw new Error(`matrix record: ${r.status} ${JSON.stringify(r.body)}`);
    return { record: r.body.record, hazard: r.body.hazards[0] };
  };
  return { template, site, campaign, ...(await found()), found };
}

export async function matrixCampaign(t: TestApp, admin: { token: string }, p: InspectionPlace, templateId: string) {
  const r = await http(t.url, admin.token).post('/api/inspections/campaigns', {
    streetId: p.streetId,
    name: '矩阵专项行动',
    type: 'fire',
    startsOn: '2000-01-01',
    endsOn: '2099-12-31',
    siteTypes: ['restaurant'],
    gridIds: [p.grid.id],
    departmentIds: [p.departmentId],
    templateId,
  });
  if (r.status !== 201) throw new Error(`matrix campaign: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A record body against the fixture's checklist; `failing` raises the item as a hazard. */
export function matrixRecord(
  template: { currentVersion: { id: string } },
  siteId: string,
  campaignId: string,
  failing = false,
) {
  return {
    clientId: randomUUID(),
    siteId,
    templateVersionId: template.currentVersion.id,
    campaignId,
    answers: [{ itemKey: 'ok', value: !failing }],
    hazards: failing ? [{ itemKey: 'ok', description: '矩阵隐患' }] : [],
  };
}
