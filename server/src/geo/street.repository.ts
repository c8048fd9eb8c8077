import { Injectable } from '@nestjs/common';
import type { Scope } from '@gridboard/shared';
import { Db } from '../db/db';
import { StreetEntity } from './street.entity';

/** Streets the scope works in: every one for district-wide users, else their own. */
@Injectable()
export class StreetRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope): Promise<StreetEntity[]> {
    return this.db.manager.find(StreetEntity, {
      where: scope.kind === 'district' ? {} : { id: scope.streetId },
      order: { code: 'ASC' },
    });
  }
}
