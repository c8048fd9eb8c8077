import { z } from 'zod';
import { listQuerySchema } from './api';
import { uuidSchema } from './jurisdiction';

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export const auditResultSchema = z.enum(AUDIT_RESULTS);

/**
 * One audit row as the search answers it. before/after/detail are shown with personal data masked
 * (phones, ID numbers, residents' names), whatever the reader's role.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: uuidSchema.nullable(),
  actorName: z.string(),
  actorRole: z.string(),
  /** e.g. auth.login, user.update, pii.reveal, deny:user.manage, deny:out_of_scope */
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  result: auditResultSchema,
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  detail: z.unknown().nullable(),
  streetId: uuidSchema.nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

const isoTime = z.iso.datetime({ offset: true });

export const auditQuerySchema = listQuerySchema.extend({
  /** Inclusive lower and exclusive upper bound, ISO 8601 with offset. */
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** A user id, or a username. */
  actor: z.string().trim().min(1).max(64).optional(),
  /** Exact action, or a prefix ending in '*' (auth.*, deny:*). */
  action: z.string().trim().min(1).max(80).optional(),
  objectType: z.string().trim().min(1).max(40).optional(),
  objectId: z.string().trim().min(1).max(80).optional(),
  result: auditResultSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
