import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page, Street } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { StreetsService } from './streets.service';

@ApiTags('geo')
@Controller('geo/streets')
export class StreetsController {
  constructor(private readonly streets: StreetsService) {}

  @Can('geo.read')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<Page<Street>> {
    return this.streets.list(actor);
  }
}
