import { HttpException } from '@nestjs/common';
import type { FieldError, MessageKey } from '@gridboard/shared';

/** An answer the client can act on: HTTP status, an i18n key, and the fields at fault. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: MessageKey,
    readonly extra: { errors?: FieldError[]; current?: unknown; retryAfter?: number } = {},
  ) {
    super(code, status);
  }
}

export const notFound = () => new ApiException(404, 'errors.not_found');
export const forbidden = (code: MessageKey = 'errors.forbidden') => new ApiException(403, code);
export const unauthorized = (code: MessageKey = 'errors.unauthorized') => new ApiException(401, code);
/** 409 with the current state, so the client can show the conflict and reapply on fresh data. */
export const versionConflict = (current: unknown) => new ApiException(409, 'errors.conflict', { current });
export const invalid = (errors: FieldError[], code: MessageKey = 'errors.validation') =>
  new ApiException(400, code, { errors });
/** 429: refused before any work, with the seconds to wait (login throttling). */
export const tooManyAttempts = (retryAfter: number, code: MessageKey = 'errors.rate_limited') =>
  new ApiException(429, code, { retryAfter });
export const invalidField = (field: string, code: string, message: string) => invalid([{ field, code, message }]);
