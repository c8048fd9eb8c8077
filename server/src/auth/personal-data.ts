import { maskIdNumber, maskName, maskPhone, UNMASKED_ID_NUMBER, UNMASKED_PHONE } from '@gridboard/shared';

/**
 * Masks personal data anywhere inside a JSON value (DOMAIN.md "Personal data"), for payloads whose
 * shape is not known in advance: audit before/after, imported rows. Fields are recognised by name
 * (…phone, …idNumber, residents' names), and any free text is scrubbed of phone and ID numbers.
 * Typed DTOs mask their own fields (see toUserDto); this is the safety net for the rest.
 */
const PHONE_KEY = /(phone|mobile)$|^tel(ephone)?$/i;
const ID_KEY = /(idNumber|idCard|idNo)$/i;
/** Names of residents and contacts; plain `name` only on objects that are people. */
const PERSON_NAME_KEY = /^(personName|residentName|contactName|headName|ownerName|fullName|realName)$/i;
const PERSON_TYPES = new Set(['person', 'household', 'transfer_person', 'resident']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONES = new RegExp(UNMASKED_PHONE.source, 'g');
const ID_NUMBERS = new RegExp(UNMASKED_ID_NUMBER.source, 'g');

/** Phone and ID numbers inside free text, masked in place ("call 13812345678" → "call 138****5678"). */
export function scrubText(text: string): string;
export function scrubText(text: string | null): string | null;
export function scrubText(text: string | null): string | null {
  if (text === null || UUID.test(text)) return text;
  return text.replace(ID_NUMBERS, (m) => maskIdNumber(m)!).replace(PHONES, (m) => maskPhone(m)!);
}

/** A deep copy of `value` with personal data masked; `objectType` tells whether a plain `name` is a person's. */
export function maskPersonalData(value: unknown, objectType?: string): unknown {
  return walk(value, PERSON_TYPES.has(objectType ?? ''));
}

function walk(value: unknown, isPerson: boolean, key = ''): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => walk(v, isPerson, key));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(v, isPerson, k)]),
    );
  }
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  if (text === null) return value;
  if (PHONE_KEY.test(key)) return maskPhone(text);
  if (ID_KEY.test(key)) return maskIdNumber(text);
  if (PERSON_NAME_KEY.test(key) || (isPerson && key === 'name')) return maskName(text);
  const scrubbed = scrubText(text);
  return scrubbed === text ? value : scrubbed;
}
