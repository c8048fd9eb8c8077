import { Injectable } from '@nestjs/common';
import type { FloodStep } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import type { CommandContext } from '../command/commands';
import { toStepDto } from './flood-dto';
import type { FloodWarningEntity } from './flood-warning.entity';
import { WarningsRepository } from './warnings.repository';

export interface FloodStepInput {
  action: string;
  at: Date;
  taskId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  people?: number | null;
  shelterId?: string | null;
  clientId?: string | null;
  note?: string | null;
  detail?: Record<string, unknown>;
  /** the masked object after the step, for the audit row */
  after?: object;
}

/** A warning's or a task's timeline step and its audit row, in the command's transaction. */
@Injectable()
export class FloodRecorder {
  constructor(private readonly warnings: WarningsRepository) {}

  async step(ctx: CommandContext, actor: Actor, w: FloodWarningEntity, s: FloodStepInput): Promise<FloodStep> {
    const row = await this.warnings.insertStep({
      warningId: w.id,
      taskId: s.taskId ?? null,
      at: s.at,
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      action: s.action,
      fromState: s.fromState ?? null,
      toState: s.toState ?? null,
      people: s.people ?? null,
      shelterId: s.shelterId ?? null,
      clientId: s.clientId ?? null,
      note: s.note ?? null,
      detail: s.detail ?? {},
    });
    ctx.audit({
      action: s.taskId ? `flood.task.${s.action}` : `flood.warning.${s.action}`,
      objectType: s.taskId ? 'transfer_task' : 'flood_warning',
      objectId: s.taskId ?? w.id,
      after: s.after,
      detail: { warningId: w.id, from: s.fromState ?? null, to: s.toState ?? null, note: s.note ?? null, ...s.detail },
      streetId: w.streetId,
    });
    return toStepDto(row);
  }
}
