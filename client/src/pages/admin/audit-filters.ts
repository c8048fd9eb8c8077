import { AUDIT_RESULTS, type AuditQuery } from '@gridboard/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { AuditFilters } from '@/api/audit';

/** The search form. Times are Beijing wall-clock (`YYYY-MM-DD HH:mm:ss`), whatever the browser's zone. */
export interface AuditForm {
  from: string;
  to: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: AuditQuery['result'] | '';
}

export const emptyAuditForm = (): AuditForm => ({
  from: '',
  to: '',
  actor: '',
  action: '',
  objectType: '',
  objectId: '',
  result: '',
});

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** `2026-03-05 14:00:00` (Beijing) → `2026-03-05T14:00:00+08:00`; anything else → undefined. */
export function beijingToIso(wallClock: string): string | undefined {
  const m = WALL_CLOCK.exec(wallClock.trim());
  return m ? `${m[1]}T${m[2]}+08:00` : undefined;
}

/** The API's query: empty fields left out. */
export function auditFilters(f: AuditForm, limit: number, offset: number): AuditFilters {
  const text = (s: string) => s.trim() || undefined;
  return {
    from: beijingToIso(f.from),
    to: beijingToIso(f.to),
    actor: text(f.actor),
    action: text(f.action),
    objectType: text(f.objectType),
    objectId: text(f.objectId),
    result: f.result || undefined,
    limit,
    offset,
  };
}

/** The form in the address bar, so a search can be bookmarked and sent to a colleague. */
export function auditFormToQuery(f: AuditForm): LocationQueryRaw {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== ''));
}

export function auditFormFromQuery(q: LocationQuery): AuditForm {
  const form = emptyAuditForm();
  const str = (k: keyof AuditForm) => (typeof q[k] === 'string' ? q[k] : '');
  form.from = WALL_CLOCK.test(str('from')) ? str('from') : '';
  form.to = WALL_CLOCK.test(str('to')) ? str('to') : '';
  form.actor = str('actor');
  form.action = str('action');
  form.objectType = str('objectType');
  form.objectId = str('objectId');
  const result = str('result');
  form.result = (AUDIT_RESULTS as readonly string[]).includes(result) ? (result as AuditForm['result']) : '';
  return form;
}

/** before/after/detail as indented JSON text (shown as text, never as HTML). */
export function auditJson(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
}
