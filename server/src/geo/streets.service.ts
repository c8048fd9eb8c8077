import { Injectable } from '@nestjs/common';
import type { Page, Street } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Db } from '../db/db';
import { streetDto } from './geo-dto';
import { StreetRepository } from './street.repository';

/** 街道: the streets the caller works in (one, or every street for district-wide users). */
@Injectable()
export class StreetsService {
  constructor(
    private readonly db: Db,
    private readonly streets: StreetRepository,
  ) {}

  async list(actor: Actor): Promise<Page<Street>> {
    const { result, seq } = await this.db.snapshot(() => this.streets.list(actor.scope));
    return { items: result.map(streetDto), total: result.length, seq };
  }
}
