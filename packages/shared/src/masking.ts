/**
 * Personal data is shown masked to anyone without the need (DOMAIN.md "Personal data"):
 * 138****1234, 4201**********1234, 张*明. Unmasking is a separate, audited request.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Regexes that find unmasked personal data in any text: used by tests scanning API output and logs. */
export const UNMASKED_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
export const UNMASKED_ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/;
