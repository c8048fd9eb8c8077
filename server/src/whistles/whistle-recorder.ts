import { Injectable } from '@nestjs/common';
import type { Whistle, WhistleStep } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import type { CommandContext } from '../command/commands';
import { toWhistleDto, toWhistleStepDto, whistleJurisdiction } from './whistle-dto';
import type { WhistleEntity } from './whistle.entity';
import { WhistlesRepository } from './whistles.repository';

export interface WhistleStepInput {
  action: string;
  at: Date;
  summonsId?: string | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

/** A whistle's step, audit row and event with the whole whistle (all its summons), in one place. */
@Injectable()
export class WhistleRecorder {
  constructor(private readonly repo: WhistlesRepository) {}

  async record(
    ctx: CommandContext,
    actor: Actor,
    w: WhistleEntity,
    s: WhistleStepInput,
    event: (r: { whistle: Whistle; step: WhistleStep }) => void,
  ): Promise<{ whistle: Whistle; step: WhistleStep }> {
    const step = await this.repo.insertStep({
      whistleId: w.id,
      summonsId: s.summonsId ?? null,
      at: s.at,
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      action: s.action,
      note: s.note ?? null,
      detail: s.detail ?? {},
    });
    const summons = (await this.repo.summonsOf([w.id])).get(w.id) ?? [];
    const result = { whistle: toWhistleDto(w, summons), step: toWhistleStepDto(step) };
    ctx.audit({
      action: `whistle.${s.action}`,
      objectType: s.summonsId ? 'whistle_summons' : 'whistle',
      objectId: s.summonsId ?? w.id,
      after: { state: w.state, level: w.level, version: w.version },
      detail: { whistleId: w.id, note: s.note ?? null, ...s.detail },
      streetId: w.streetId,
    });
    event(result);
    return result;
  }

  /** The usual event: `whistle.changed` in the whistle's jurisdiction. */
  changed(ctx: CommandContext, w: WhistleEntity): (r: { whistle: Whistle; step: WhistleStep }) => void {
    return (r) => ctx.emit('whistle.changed', r, whistleJurisdiction(w), w.drillId);
  }
}
