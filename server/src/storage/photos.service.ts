import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PHOTO_MAX_BYTES, type PHOTO_MIME_TYPES, PHOTO_THUMB_SIZE } from '@gridboard/shared';
import sharp from 'sharp';
import { ApiException, invalidField } from '../common/errors';
import { PHOTO_STORAGE, type PhotoStorage } from './photo-storage';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}
export type PhotoMime = (typeof PHOTO_MIME_TYPES)[number];
export interface PreparedPhoto {
  id: string;
  mime: PhotoMime;
  data: Buffer;
  thumb: Buffer;
  width: number | null;
  height: number | null;
}

/** Where a stored photo and its thumbnail live. */
export interface StoredKeys {
  storageKey: string;
  thumbKey: string;
}
/** A photo written to storage: what its owner's row records. */
export interface StoredPhoto extends StoredKeys {
  id: string;
  mime: PhotoMime;
  size: number;
  width: number | null;
  height: number | null;
  createdAt: Date;
}

const EXT: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The type by the file's first bytes: a renamed .exe is not a photo, whatever its name says. */
export function sniffImage(b: Buffer): PhotoMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/** Checks, thumbnails and stores photos (of incidents, inspections, hazards). */
@Injectable()
export class PhotosService {
  constructor(@Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage) {}

  /** Validates every file before anything is stored: 413 too large, 415 not a photo, 400 unreadable. */
  async prepare(files: readonly UploadedFile[], field = 'photos'): Promise<PreparedPhoto[]> {
    const out: PreparedPhoto[] = [];
    for (const [n, f] of files.entries()) {
      const name = `${field}[${n}]`;
      if (f.size > PHOTO_MAX_BYTES) {
        throw new ApiException(413, 'errors.photo_too_large', {
          errors: [
            { field: name, code: 'too_large', message: `${f.originalname}: 照片不能超过 10 MB / at most 10 MB` },
          ],
        });
      }
      const mime = sniffImage(f.buffer);
      if (!mime) {
        throw new ApiException(415, 'errors.photo_type', {
          errors: [
            {
              field: name,
              code: 'unsupported_type',
              message: `${f.originalname}: 仅支持 JPEG、PNG、WebP / only JPEG, PNG and WebP`,
            },
          ],
        });
      }
      try {
        const image = sharp(f.buffer, { failOn: 'error' });
        const meta = await image.metadata();
        const thumb = await image
          .rotate()
          .resize(PHOTO_THUMB_SIZE, PHOTO_THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 70 })
          .toBuffer();
        out.push({
          id: randomUUID(),
          mime,
          data: f.buffer,
          thumb,
          width: meta.width ?? null,
          height: meta.height ?? null,
        });
      } catch {
        throw invalidField(name, 'unreadable', `${f.originalname}: 图片已损坏 / the image cannot be read`);
      }
    }
    return out;
  }

  /**
   * Writes the bytes under `prefix` (e.g. `incidents/<id>`); the caller's command inserts the rows
   * (and calls `discard` if it fails). Photos are dated a millisecond apart, so they list in the
   * order they were sent.
   */
  async store(prefix: string, photos: readonly PreparedPhoto[], now: Date): Promise<StoredPhoto[]> {
    const rows: StoredPhoto[] = [];
    try {
      for (const [n, p] of photos.entries()) {
        const row: StoredPhoto = {
          id: p.id,
          mime: p.mime,
          size: p.data.length,
          width: p.width,
          height: p.height,
          storageKey: `${prefix}/${p.id}.${EXT[p.mime]}`,
          thumbKey: `${prefix}/${p.id}.thumb.webp`,
          createdAt: new Date(now.getTime() + n),
        };
        rows.push(row);
        await this.storage.put(row.storageKey, p.data, p.mime);
        await this.storage.put(row.thumbKey, p.thumb, 'image/webp');
      }
    } catch (e) {
      await this.discard(rows);
      throw e;
    }
    return rows;
  }

  async discard(rows: readonly StoredKeys[]): Promise<void> {
    for (const r of rows) {
      await this.storage.delete(r.storageKey).catch(() => undefined);
      await this.storage.delete(r.thumbKey).catch(() => undefined);
    }
  }

  async read(p: StoredKeys & { mime: string }, thumb: boolean): Promise<{ data: Buffer; mime: string } | null> {
    const data = await this.storage.get(thumb ? p.thumbKey : p.storageKey);
    return data && { data, mime: thumb ? 'image/webp' : p.mime };
  }
}
