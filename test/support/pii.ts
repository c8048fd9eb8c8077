import { UNMASKED_ID_NUMBER, UNMASKED_PHONE } from '@gridboard/shared';

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Unmasked phone and ID numbers anywhere in a response (ids are blanked first: they are not PII). */
export function unmaskedPersonalData(body: unknown): string[] {
  const text = JSON.stringify(body).replace(UUIDS, '-');
  const all = (re: RegExp) => [...text.matchAll(new RegExp(re.source, 'g'))].map((m) => m[0]);
  return [...all(UNMASKED_PHONE), ...all(UNMASKED_ID_NUMBER)];
}
