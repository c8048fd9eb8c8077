import { Injectable } from '@nestjs/common';
import { type BoardFigures, type BoardIncidents, type OnDuty, toMarkerColumns } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { Db } from '../db/db';
import { BoardRepository } from './board.repository';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Midnight of `now`'s day in Asia/Shanghai (no daylight saving), as an instant. */
export function shanghaiDayStart(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_OFFSET_MS);
}

/** What the live board and the big screen read: compact markers, key figures, who is on duty. */
@Injectable()
export class BoardService {
  constructor(
    private readonly repo: BoardRepository,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Every incident of the caller's scope as map markers (by column), with the seq to follow the stream from. */
  async incidents(actor: Actor): Promise<BoardIncidents> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(() => this.repo.incidents(actor.scope, now));
    return { columns: toMarkerColumns(result), total: result.length, seq };
  }

  async figures(actor: Actor): Promise<BoardFigures> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(() => this.repo.figures(actor.scope, now, shanghaiDayStart(now)));
    return { ...(result as Omit<BoardFigures, 'seq'>), seq };
  }

  async onDuty(actor: Actor): Promise<OnDuty> {
    const streetId = actor.scope.kind === 'district' ? null : actor.scope.streetId;
    return { people: streetId ? await this.repo.onDuty(streetId) : [] };
  }
}
