import { Module, type OnModuleInit } from '@nestjs/common';
import { GeoModule } from '../geo/geo.module';
import { ItemLocator } from '../realtime/item-presence.registry';
import { CapService } from './cap.service';
import { FloodAccess } from './flood-access';
import { registerJurisdiction, taskJurisdiction, warningJurisdiction } from './flood-dto';
import { FloodRecorder } from './flood-recorder';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { RegisterController } from './register.controller';
import { RegisterImportService } from './register-import.service';
import { RegisterRepository } from './register.repository';
import { RegisterService } from './register.service';
import { ReviewService } from './review.service';
import { StatsService } from './stats.service';
import { FloodController, TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { WarningsController } from './warnings.controller';
import { WarningsRepository } from './warnings.repository';
import { WarningsService } from './warnings.service';

const UUID = /^[0-9a-f-]{36}$/i;

/** 防汛转移预警: the register, warnings, door-to-door transfer tasks, progress, review and CAP. */
@Module({
  imports: [GeoModule],
  controllers: [RegisterController, WarningsController, TasksController, FloodController],
  providers: [
    RegisterRepository,
    WarningsRepository,
    TasksRepository,
    ProgressRepository,
    FloodAccess,
    FloodRecorder,
    RegisterService,
    RegisterImportService,
    WarningsService,
    TasksService,
    ProgressService,
    ReviewService,
    CapService,
    StatsService,
  ],
})
export class FloodModule implements OnModuleInit {
  constructor(
    private readonly items: ItemLocator,
    private readonly register: RegisterRepository,
    private readonly warnings: WarningsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  /** Presence ("李明 正在处理 3栋 2单元") on warnings, tasks and register households is policy-checked. */
  onModuleInit(): void {
    this.items.register('flood_warning', async (id) => {
      const w = UUID.test(id) ? await this.warnings.findById(id) : null;
      return w && warningJurisdiction(w);
    });
    this.items.register('transfer_task', async (id) => {
      const t = UUID.test(id) ? await this.tasks.findById(id) : null;
      return t && taskJurisdiction(t);
    });
    this.items.register('flood_household', async (id) => {
      const h = UUID.test(id) ? await this.register.findById(id) : null;
      return h && registerJurisdiction(h);
    });
  }
}
