import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PHOTO_MAX_BYTES } from '@gridboard/shared';
import sharp from 'sharp';
import { startApp, type TestApp } from '../support/app';
import { createStreet, type StreetFixture, type TestUser } from '../support/factories';
import { act, api, type Cast, createCast, newIncident, pointIn } from '../support/incidents';

const image = (format: 'png' | 'jpeg' | 'webp', width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 30 } } })
    .toFormat(format)
    .toBuffer();

async function upload(
  t: TestApp,
  u: TestUser | null,
  path: string,
  fields: Record<string, string>,
  files: [string, Buffer, string][],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [name, data, type] of files) form.append('photos', new Blob([new Uint8Array(data)], { type }), name);
  const res = await fetch(t.url + path, {
    method: 'POST',
    headers: u ? { authorization: `Bearer ${u.token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(t: TestApp, u: TestUser | null, path: string) {
  const res = await fetch(t.url + path, { headers: u ? { authorization: `Bearer ${u.token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

describe('incident photos', () => {
  let t: TestApp;
  let s: StreetFixture;
  let other: StreetFixture;
  let cast: Cast;
  let otherOfficer: TestUser;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'PHO');
    other = await createStreet(t, 'PHX', 115);
    cast = await createCast(t, s, 'pho');
    otherOfficer = (await createCast(t, other, 'phx')).duty_officer;
  });
  afterAll(() => t.close());

  const uploads = () => join(t.config.dataDir, 'uploads');
  const storedFiles = () =>
    existsSync(uploads()) ? readdirSync(uploads(), { recursive: true }).filter((f) => String(f).includes('.')) : [];

  it('takes photos with the report in one multipart request, with thumbnails, served only to those who see the item', async () => {
    const png = await image('png', 400, 300);
    const jpeg = await image('jpeg');
    const res = await upload(t, cast.grid_worker, '/api/incidents', { data: JSON.stringify(newIncident(s)) }, [
      ['门口.png', png, 'image/png'],
      ['现场.jpg', jpeg, 'application/octet-stream'], // the browser's type is not trusted either way
    ]);
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    const { incident } = res.body;
    expect(incident.photos.map((p: { mime: string; kind: string }) => [p.mime, p.kind])).toEqual([
      ['image/png', 'report'],
      ['image/jpeg', 'report'],
    ]);
    expect(incident.photos[0]).toMatchObject({ width: 400, height: 300, size: png.length });
    const original = await download(t, cast.duty_officer, incident.photos[0].url);
    expect(original.status).toBe(200);
    expect(original.type).toBe('image/png');
    expect(original.data.equals(png)).toBe(true);
    const thumb = await download(t, cast.duty_officer, incident.photos[1].thumbUrl);
    expect(thumb.type).toBe('image/webp');
    const meta = await sharp(thumb.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    expect((await download(t, otherOfficer, incident.photos[0].url)).status).toBe(404);
    expect((await download(t, cast.dept_staff, incident.photos[0].url)).status).toBe(404);
    expect((await download(t, null, incident.photos[0].url)).status).toBe(401);
    expect(storedFiles()).toHaveLength(4);
  });

  it('refuses a file over 10 MB with 413 and a non-photo with 415, keeping nothing', async () => {
    const before = (await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total;
    const big = Buffer.concat([await image('jpeg'), Buffer.alloc(PHOTO_MAX_BYTES)]);
    const tooBig = await upload(t, cast.grid_worker, '/api/incidents', { data: JSON.stringify(newIncident(s)) }, [
      ['big.jpg', big, 'image/jpeg'],
    ]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('errors.photo_too_large');
    expect(tooBig.body.message).toBe('照片不能超过 10 MB');
    expect(tooBig.body.errors[0]).toMatchObject({ field: 'photos', code: 'too_large' });
    const gif = Buffer.from(
      'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,',
      'latin1',
    );
    const notPhoto = await upload(t, cast.grid_worker, '/api/incidents', { data: JSON.stringify(newIncident(s)) }, [
      ['ok.png', await image('png'), 'image/png'],
      ['动图.jpg', gif, 'image/jpeg'],
    ]);
    expect(notPhoto.status).toBe(415);
    expect(notPhoto.body.code).toBe('errors.photo_type');
    expect(notPhoto.body.errors[0].field).toBe('photos[1]');
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const unreadable = await upload(t, cast.grid_worker, '/api/incidents', { data: JSON.stringify(newIncident(s)) }, [
      ['坏.jpg', broken, 'image/jpeg'],
    ]);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors[0]).toMatchObject({ field: 'photos[0]', code: 'unreadable' });
    const tooMany = await upload(
      t,
      cast.grid_worker,
      '/api/incidents',
      { data: JSON.stringify(newIncident(s)) },
      await Promise.all(
        Array.from(
          { length: 10 },
          async (_, n) => [`${n}.png`, await image('png', 8, 8), 'image/png'] as [string, Buffer, string],
        ),
      ),
    );
    expect(tooMany.status).toBe(413);
    expect((await api(t, cast.duty_officer).get('/api/incidents?limit=1')).body.total).toBe(before);
    expect(storedFiles()).toHaveLength(4);
  });

  it('adds result photos to an item and references them when resolving', async () => {
    const { incident } = (
      await api(t, cast.grid_worker).post('/api/incidents', newIncident(s, { location: pointIn(s, 0) }))
    ).body;
    await act(t, cast.admin, cast.duty_officer, incident.id, 'accept');
    await act(t, cast.admin, cast.duty_officer, incident.id, 'dispatch', {
      targets: { departmentIds: [s.departments[0]!.id] },
    });
    await act(t, cast.admin, cast.dept_staff, incident.id, 'start');
    const added = await upload(t, cast.dept_staff, `/api/incidents/${incident.id}/photos?kind=result`, {}, [
      ['整改后.webp', await image('webp'), 'image/webp'],
    ]);
    expect(added.status).toBe(201);
    expect(added.body.step).toMatchObject({ action: 'photo', detail: { kind: 'result' } });
    const photo = added.body.incident.photos[0];
    expect(photo).toMatchObject({ kind: 'result', mime: 'image/webp' });
    const unknown = await act(t, cast.admin, cast.dept_staff, incident.id, 'resolve', {
      result: '已清理',
      photoIds: ['00000000-0000-4000-8000-000000000009'],
    });
    expect(unknown.status).toBe(400);
    const resolved = await act(t, cast.admin, cast.dept_staff, incident.id, 'resolve', {
      result: '已清理',
      photoIds: [photo.id],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.step.detail).toEqual({ photoIds: [photo.id] });
    const wrongKind = await upload(t, cast.dept_staff, `/api/incidents/${incident.id}/photos?kind=selfie`, {}, [
      ['x.png', await image('png', 8, 8), 'image/png'],
    ]);
    expect(wrongKind.status).toBe(400);
    const display = await upload(t, cast.display, `/api/incidents/${incident.id}/photos`, {}, [
      ['x.png', await image('png', 8, 8), 'image/png'],
    ]);
    expect(display.status).toBe(403);
  });
});
