import { Module } from '@nestjs/common';
import { AlarmsService } from './alarms.service';
import { AlarmsController, BoardController, MapConfigController } from './board.controller';
import { BoardRepository } from './board.repository';
import { BoardService } from './board.service';
import { MapConfigService } from './map-config.service';

/** The live board's reads (markers, figures, on duty), alarms and their acknowledgements, basemap config. */
@Module({
  controllers: [BoardController, AlarmsController, MapConfigController],
  providers: [BoardRepository, BoardService, AlarmsService, MapConfigService],
})
export class BoardModule {}
