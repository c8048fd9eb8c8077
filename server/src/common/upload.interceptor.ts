import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  mixin,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import type { MessageKey } from '@gridboard/shared';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { ApiException, invalidField } from './errors';

export interface UploadOptions {
  field: string;
  maxFiles: number;
  maxBytes: number;
  /** The 413 answer when one file is over `maxBytes`, e.g. `errors.photo_too_large`. */
  tooLarge: MessageKey;
  /** Human limit for the message, e.g. "10 MB". */
  limitText: string;
}

/**
 * Parses multipart bodies into memory with hard limits, answering with our error shape: 413 with
 * the field and the limit when a file is too big, 400 for too many files or an unexpected field.
 * JSON requests pass through untouched, so one route can take either.
 */
export function UploadInterceptor(o: UploadOptions): Type<NestInterceptor> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: o.maxBytes, files: o.maxFiles, fields: 20, fieldSize: 256 * 1024 },
  }).array(o.field, o.maxFiles);

  @Injectable()
  class Upload implements NestInterceptor {
    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = ctx.switchToHttp();
      const req = http.getRequest<Request>();
      if (req.is('multipart/form-data')) {
        await new Promise<void>((resolve, reject) =>
          upload(req, http.getResponse<Response>(), (err: unknown) => (err ? reject(toApiError(err, o)) : resolve())),
        );
      }
      return next.handle();
    }
  }
  return mixin(Upload);
}

function toApiError(err: unknown, o: UploadOptions): unknown {
  if (!(err instanceof multer.MulterError)) return err;
  const field = err.field ?? o.field;
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new ApiException(413, o.tooLarge, {
        errors: [
          { field, code: 'too_large', message: `文件不能超过 ${o.limitText} / at most ${o.limitText} per file` },
        ],
      });
    case 'LIMIT_FILE_COUNT':
      return new ApiException(413, 'errors.payload_too_large', {
        errors: [{ field, code: 'too_many', message: `最多 ${o.maxFiles} 个文件 / at most ${o.maxFiles} files` }],
      });
    case 'LIMIT_UNEXPECTED_FILE':
      return invalidField(
        field,
        'unexpected_file',
        `请用字段 ${o.field} 上传文件 / send files in the field "${o.field}"`,
      );
    default:
      return invalidField(field, err.code.toLowerCase(), err.message);
  }
}
