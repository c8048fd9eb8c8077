import { z } from 'zod';

/** Every list endpoint pages the same way; map layers may ask for up to 10,000 rows at once. */
export const MAX_LIST_LIMIT = 10_000;
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** A snapshot page; `seq` is the event position it was read at, so `sync {since: seq}` continues it. */
export interface Page<T> {
  items: T[];
  total: number;
  seq: number;
}
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), seq: z.number().int() });
}

export const fieldErrorSchema = z.object({
  /** Dotted path of the field, or `row 12, column 电话` for imports. */
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The body of every non-2xx answer. `code` is an i18n key (see messages.ts). */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
  /** On 409 version conflicts: the current state to reapply on. */
  current: z.unknown().optional(),
  /** On 429: seconds to wait before trying again (also sent as the Retry-After header). */
  retryAfter: z.number().int().optional(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** A row's `version` column is a PostgreSQL integer: a larger number is a bad field, not a database error. */
export const MAX_VERSION = 2_147_483_647;
export const versionSchema = z.number().int().min(1).max(MAX_VERSION);
/** Optimistic concurrency: every update names the version it was based on. */
export const versionedSchema = z.object({ version: versionSchema });
