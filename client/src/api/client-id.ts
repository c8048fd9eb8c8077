/**
 * The id a phone gives one submission (a report, an inspection) before sending it: sent again with
 * every retry, it lets the server answer the copy it already kept instead of keeping a second.
 * A v4 uuid; `crypto.randomUUID` exists only on https and localhost, the phone may be on plain http.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
