import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { localeFrom, message, type ApiError, type MessageKey } from '@gridboard/shared';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { ApiException } from './errors';
import { fieldErrors } from './validation';

const STATUS_KEYS: Record<number, MessageKey> = {
  400: 'errors.validation',
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.not_found',
  409: 'errors.conflict',
  413: 'errors.payload_too_large',
  415: 'errors.unsupported_media_type',
  429: 'errors.rate_limited',
};

/** Every error leaves as ApiError: status, i18n key, text in the caller's language, fields at fault. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    const locale = localeFrom(req.headers['accept-language']);
    body.message = message(body.code as MessageKey, locale);
    body.requestId = req.id ? String(req.id) : undefined;
    if (body.retryAfter !== undefined) res.setHeader('Retry-After', String(body.retryAfter));
    if (body.statusCode >= 500) this.log.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ApiError {
    if (e instanceof ApiException) {
      return { statusCode: e.getStatus(), code: e.code, message: '', ...e.extra };
    }
    if (e instanceof ZodValidationException) {
      const zodError = e.getZodError() as ZodError;
      return { statusCode: 400, code: 'errors.validation', message: '', errors: fieldErrors(zodError.issues) };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      return { statusCode: status, code: STATUS_KEYS[status] ?? 'errors.internal', message: '' };
    }
    // body-parser: malformed JSON, or a body over the limit
    const status = (e as { status?: number; statusCode?: number })?.status;
    if (status && STATUS_KEYS[status]) return { statusCode: status, code: STATUS_KEYS[status], message: '' };
    return { statusCode: 500, code: 'errors.internal', message: '' };
  }
}
