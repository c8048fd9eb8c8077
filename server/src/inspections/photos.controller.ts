import { Controller, Get, Param, Post, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type InspectionPhoto,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PER_REQUEST,
  photoUploadResultSchema,
} from '@gridboard/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authenticated, Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { sendPhoto } from '../common/send-file';
import { UploadInterceptor } from '../common/upload.interceptor';
import type { UploadedFile } from '../storage/photos.service';
import { InspectionPhotosService } from './inspection-photos.service';

class PhotoUploadResultDto extends createZodDto(photoUploadResultSchema) {}

const PhotoUpload = UploadInterceptor({
  field: 'photos',
  maxFiles: PHOTO_MAX_PER_REQUEST,
  maxBytes: PHOTO_MAX_BYTES,
  tooLarge: 'errors.photo_too_large',
  limitText: '10 MB',
});

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections/photos')
export class PhotosController {
  constructor(private readonly photos: InspectionPhotosService) {}

  @Can('inspection.record')
  @Post()
  @UseInterceptors(PhotoUpload)
  @ApiOperation({
    summary: 'Upload photos for a record or a rectification (multipart field `photos`, up to 9)',
    description:
      'JPEG/PNG/WebP by content, 10 MB each (413/415). Name the ' +
      'returned ids in a record (`answers[].photoIds`, `photoIds`, `hazards[].photoIds`) or in `submit_rectification`; ' +
      'photos nobody uses are deleted after 72 hours.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { photos: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiOkResponse({ type: PhotoUploadResultDto })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<{ photos: InspectionPhoto[] }> {
    return this.photos.upload(actor, files ?? []);
  }

  @Authenticated()
  @Get(':id')
  @ApiOperation({ summary: 'A photo (its uploader’s until used; then as private as its record or hazard)' })
  async photo(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPhoto(res, await this.photos.read(actor, id, false));
  }

  @Authenticated()
  @Get(':id/thumb')
  @ApiOperation({ summary: 'A photo’s thumbnail (WebP, 320 px)' })
  async thumb(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPhoto(res, await this.photos.read(actor, id, true));
  }
}
