import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LocalDiskStorage, PHOTO_STORAGE } from './photo-storage';
import { PhotosService } from './photos.service';

/** Photo bytes (incidents, inspections, hazards): checked, thumbnailed and kept behind one storage interface. */
@Module({
  providers: [
    PhotosService,
    {
      provide: PHOTO_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskStorage(join(config.dataDir, 'uploads')),
    },
  ],
  exports: [PhotosService],
})
export class StorageModule {}
