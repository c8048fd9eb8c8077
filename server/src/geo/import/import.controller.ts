import { extname } from 'node:path';
import { Body, Controller, HttpCode, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IMPORT_KINDS, IMPORT_MAX_BYTES, type ImportResult, uuidSchema } from '@gridboard/shared';
import type { Request } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Can } from '../../auth/policy.decorators';
import { ApiException, invalid, invalidField } from '../../common/errors';
import { parse } from '../../common/validation';
import { type ImportSource, ImportService } from './import.service';

/** The part of multer's file we use (memory storage). */
interface Upload {
  originalname: string;
  buffer: Buffer;
}

class ImportQueryDto extends createZodDto(z.object({ streetId: uuidSchema.optional() })) {}

/**
 * `POST /api/geo/import/{grids|buildings|households|persons|sites}`: a multipart `file` (.geojson/.json
 * for grids and buildings, .xlsx/.csv for the others), or for grids and buildings a GeoJSON
 * FeatureCollection as the JSON body. Over IMPORT_MAX_BYTES → 413, another file type → 415.
 */
@ApiTags('geo')
@Controller('geo/import')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Can('geo.import')
  @Post(':kind')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data', 'application/json')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  run(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @Query() q: ImportQueryDto,
    @UploadedFile() file: Upload | undefined,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<ImportResult> {
    const k = parse(z.enum(IMPORT_KINDS), kind, 'kind');
    return this.imports.run(actor, k, q.streetId, source(file, body, req));
  }
}

function source(file: Upload | undefined, body: unknown, req: Request): ImportSource {
  if (file) {
    switch (extname(file.originalname).toLowerCase()) {
      case '.xlsx':
        return { format: 'xlsx', buffer: file.buffer };
      case '.csv':
        return { format: 'csv', buffer: file.buffer };
      case '.geojson':
      case '.json':
        try {
          return { format: 'geojson', data: JSON.parse(file.buffer.toString('utf8').replace(/^\uFEFF/, '')) };
        } catch {
          throw invalid(
            [{ field: 'file', code: 'invalid_json', message: '不是有效的 JSON / not valid JSON' }],
            'errors.import_failed',
          );
        }
      default:
        throw new ApiException(415, 'errors.unsupported_media_type');
    }
  }
  if (req.is('application/json')) return { format: 'geojson', data: body };
  if (req.is('multipart/form-data')) throw invalidField('file', 'required', '请上传文件 / upload a file');
  throw new ApiException(415, 'errors.unsupported_media_type');
}
