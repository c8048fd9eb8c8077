import { type AuditQuery, auditEntrySchema, pageSchema } from '@gridboard/shared';
import { request } from './http';

// The audit search (审计日志, permission audit.read): server/src/audit/audit.controller.ts.

export const auditPageSchema = pageSchema(auditEntrySchema);

/** The query as sent: every filter optional, times ISO 8601 with offset. */
export type AuditFilters = Partial<Omit<AuditQuery, 'limit' | 'offset'>> & Pick<AuditQuery, 'limit' | 'offset'>;

export const auditApi = {
  search: (f: AuditFilters, signal?: AbortSignal) =>
    request('/api/audit', {
      query: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)),
      schema: auditPageSchema,
      signal,
    }),
};
