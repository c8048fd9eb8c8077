import { UNMASKED_ID_NUMBER, UNMASKED_PHONE } from '@gridboard/shared';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Unmasked phone numbers and ID numbers anywhere in a payload. UUIDs are blanked first: a segment
 * like `a13912345678` would otherwise read as a phone number.
 */
export function unmaskedPii(value: unknown): string[] {
  const text = JSON.stringify(value).replace(UUID, '<uuid>');
  const found: string[] = [];
  for (const re of [UNMASKED_PHONE, UNMASKED_ID_NUMBER]) {
    const m = new RegExp(re.source, 'g');
    for (const hit of text.matchAll(m)) found.push(hit[0]);
  }
  return found;
}
