import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { createDataSource, migrate } from './data-source';
import { Db } from './db';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const ds = createDataSource(config);
        await ds.initialize();
        const applied = await migrate(ds);
        if (applied.length) new Logger('db').log(`migrations applied: ${applied.join(', ')}`);
        return ds;
      },
    },
    Db,
  ],
  exports: [DataSource, Db],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
