import type { Response } from 'express';

/** A stored photo as the answer: private to the caller's browser, never sniffed as anything else. */
export function sendPhoto(res: Response, file: { data: Buffer; mime: string }): void {
  res.setHeader('content-type', file.mime);
  res.setHeader('cache-control', 'private, max-age=86400, immutable');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(file.data);
}
