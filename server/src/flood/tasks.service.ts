import { Injectable } from '@nestjs/common';
import {
  type CheckinInput,
  type FloodStep,
  type Jurisdiction,
  type Page,
  type ShelterProgress,
  TASK_ACTION_SCHEMAS,
  type TaskAction,
  type TransferTask,
  type TransferTaskListQuery,
  type TransferTaskResult,
  transferWorkflow,
} from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands, type CommandContext } from '../command/commands';
import { ApiException, invalidField, notFound, versionConflict } from '../common/errors';
import { parse } from '../common/validation';
import { Db } from '../db/db';
import { RegistryRepository } from '../geo/registry.repository';
import { SHELTER } from '../geo/registry-kinds';
import { ShelterOccupancy } from '../geo/shelter-occupancy';
import type { ShelterEntity } from '../geo/shelter.entity';
import { FloodAccess } from './flood-access';
import { registerJurisdiction, taskJurisdiction, toStepDto, toTaskDto } from './flood-dto';
import { FloodRecorder } from './flood-recorder';
import type { FloodStepEntity } from './flood-step.entity';
import type { FloodWarningEntity } from './flood-warning.entity';
import { ProgressService } from './progress.service';
import { RegisterRepository } from './register.repository';
import { TasksRepository } from './tasks.repository';
import { normalizeCardCode } from './transfer-card';
import type { TransferTaskEntity } from './transfer-task.entity';
import { WarningsRepository } from './warnings.repository';
import { allowed, knownAction } from './workflow-check';

type Input = {
  version: number;
  clientId?: string;
  shelterId?: string;
  people?: number;
  reason?: string;
  note?: string;
};

/**
 * Door-to-door transfer (transferWorkflow): cadres move each household's task; shelters check
 * families in by the code on their transfer card. Every step locks the warning first, so steps of
 * one warning — and its lifting or closing — apply one at a time and progress is counted in commit
 * order. Sheltering keeps the shelter's occupancy (real warnings only) in the same transaction.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly warnings: WarningsRepository,
    private readonly register: RegisterRepository,
    private readonly registry: RegistryRepository,
    private readonly occupancy: ShelterOccupancy,
    private readonly recorder: FloodRecorder,
    private readonly progress: ProgressService,
    private readonly access: FloodAccess,
    private readonly policy: Policy,
    private readonly commands: Commands,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async list(actor: Actor, q: TransferTaskListQuery): Promise<Page<TransferTask>> {
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.tasks.list(actor.scope, q, actor.userId);
      return { items: await this.dtos(items), total };
    });
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<TransferTask & { timeline: FloodStep[] }> {
    const t = await this.access.task(actor, id);
    const [task] = await this.dtos([t]);
    return { ...task!, timeline: (await this.warnings.steps(t.warningId, t.id)).map(toStepDto) };
  }

  /**
   * notify, move, shelter, self_arrange, refuse (escalates at once), return (after lifting). A step
   * whose `clientId` this user already sent answers the step taken then (`replayed`), also when both
   * copies arrive at once (the warning's lock puts one after the other): a phone resending after a
   * lost answer is not told that its own step conflicts.
   */
  async act(
    actor: Actor,
    id: string,
    action: string,
    body: unknown,
  ): Promise<{ result: TransferTaskResult; replayed: boolean }> {
    const t = await this.access.task(actor, id);
    const a = knownAction(TASK_ACTION_SCHEMAS, action) as TaskAction;
    const input = parse(TASK_ACTION_SCHEMAS[a], body) as Input;
    return this.audited(actor, a, id, () =>
      this.commands.run(actor, async (ctx) => {
        const w = (await this.warnings.findForUpdate(t.warningId))!;
        const earlier = input.clientId && (await this.warnings.stepByClientId(actor.userId!, input.clientId));
        if (earlier) return { result: await this.replay(earlier, id, a), replayed: true };
        const before = (await this.tasks.findById(id))!;
        if (before.version !== input.version) throw versionConflict((await this.dtos([before]))[0]);
        return { result: await this.apply(ctx, actor, w, before, a, input, a), replayed: false };
      }),
    );
  }

  /** The task as it is now with the step an earlier copy took; a clientId reused for another step is refused. */
  private async replay(step: FloodStepEntity, id: string, a: TaskAction): Promise<TransferTaskResult> {
    const [task] = await this.dtos([(await this.tasks.findById(id))!]);
    if (step.taskId !== id || step.action !== a)
      throw new ApiException(409, 'errors.client_id_taken', { current: task });
    return { task: task!, step: toStepDto(step) };
  }

  /**
   * 扫码入住: a shelter scans the household's transfer card. Allowed to whoever sees the household or
   * works where the shelter is (the card is the proof); it shelters the household's open task.
   */
  async checkin(actor: Actor, input: CheckinInput): Promise<TransferTaskResult> {
    const h = await this.register.findByCode(normalizeCardCode(input.code));
    if (!h) throw invalidField('code', 'not_found', '无此转移卡 / No transfer card with this code');
    const shelter = await this.registry.findById(SHELTER, input.shelterId);
    if (!shelter || shelter.streetId !== h.streetId) {
      throw invalidField('shelterId', 'not_found', '不是该街道的安置点 / Not a shelter of this street');
    }
    const atShelter: Jurisdiction = { ...SHELTER.jurisdiction(shelter), streetWide: false };
    if (!this.policy.sees(actor, registerJurisdiction(h)) && !this.policy.sees(actor, atShelter)) {
      await this.access.deny(actor, 'deny:out_of_scope', { type: 'flood_household', id: h.id }, h.streetId);
      throw notFound();
    }
    const open = (await this.tasks.openForCheckin(h.id)).filter(
      (t) => !input.warningId || t.warningId === input.warningId,
    );
    if (!open.length) throw new ApiException(409, 'errors.flood_no_open_task');
    if (open.length > 1) throw new ApiException(409, 'errors.flood_ambiguous_task');
    const id = open[0]!.id;
    return this.audited(actor, 'checkin', id, () =>
      this.commands.run(actor, async (ctx) => {
        const w = (await this.warnings.findForUpdate(open[0]!.warningId))!;
        const before = (await this.tasks.findById(id))!;
        const step = { version: before.version, shelterId: input.shelterId, people: input.people };
        return this.apply(ctx, actor, w, before, 'shelter', step, 'checkin');
      }),
    );
  }

  private async apply(
    ctx: CommandContext,
    actor: Actor,
    w: FloodWarningEntity,
    before: TransferTaskEntity,
    a: TaskAction,
    input: Input,
    stepAction: string,
  ): Promise<TransferTaskResult> {
    const to = allowed(transferWorkflow, before.state, a, actor, input);
    // People move only while the warning is active; they come home only once it is lifted.
    if (a === 'return' && w.state !== 'lifted') throw new ApiException(409, 'errors.flood_warning_not_lifted');
    if (a !== 'return' && w.state !== 'active') throw new ApiException(409, 'errors.flood_warning_not_active');
    const now = this.clock.now();
    let shelter: ShelterEntity | null = null;
    let patch: Partial<TransferTaskEntity> = { state: to };
    switch (a) {
      case 'notify':
        patch = { ...patch, notifiedAt: before.notifiedAt ?? now };
        break;
      case 'move':
        patch = { ...patch, movingAt: before.movingAt ?? now };
        break;
      case 'shelter':
        shelter = await this.registry.findById(SHELTER, input.shelterId!);
        if (!shelter || shelter.streetId !== before.streetId) {
          throw invalidField('shelterId', 'not_found', '不是该街道的安置点 / Not a shelter of this street');
        }
        patch = { ...patch, people: input.people!, shelterId: shelter.id, shelteredAt: before.shelteredAt ?? now };
        break;
      case 'self_arrange':
        patch = { ...patch, people: input.people!, shelterId: null, selfArrangedAt: before.selfArrangedAt ?? now };
        break;
      case 'refuse':
        patch = { ...patch, refusedAt: now, refuseReason: input.reason! };
        break;
      case 'return':
        patch = { ...patch, shelterId: null, returnedAt: now };
        break;
    }
    // `before` was read under the warning's lock, so its version is current (no 409 can follow here).
    const after = await this.tasks.update(before.id, before.version, patch, (t) => t.version);
    const overFull = await this.moveOccupancy(ctx, w, before, after);
    const [task] = await this.dtos([after]);
    const step = await this.recorder.step(ctx, actor, w, {
      action: stepAction,
      at: now,
      taskId: after.id,
      fromState: before.state,
      toState: to,
      people: after.people,
      shelterId: after.shelterId,
      clientId: input.clientId ?? null,
      note: input.reason ?? input.note ?? null,
      detail: before.shelterId && before.shelterId !== after.shelterId ? { fromShelterId: before.shelterId } : {},
      after: task!,
    });
    const j = taskJurisdiction(after);
    ctx.emit('flood.task.changed', { task: task!, step }, j, w.drillId);
    // 拒绝转移 escalates at once: an alarm for the leader on duty (street-wide roles receive it).
    if (a === 'refuse')
      ctx.emit('flood.task_refused', { task: task!, step, escalatedTo: 'leader_on_duty' }, j, w.drillId);
    if (overFull) {
      ctx.emit(
        'flood.shelter_over_capacity',
        { warningId: w.id, taskId: after.id, shelter: overFull.progress },
        overFull.jurisdiction,
        w.drillId,
      );
    }
    await this.progress.emit(ctx, w);
    return { task: task!, step };
  }

  /**
   * People leaving a shelter and arriving at one. Real warnings change the registry's occupancy (one
   * atomic UPDATE each); a drill counts its own sheltered people and never touches the real figure.
   * Answers the shelter that is now over its capacity, if the step filled one past it.
   */
  private async moveOccupancy(
    ctx: CommandContext,
    w: FloodWarningEntity,
    before: TransferTaskEntity,
    after: TransferTaskEntity,
  ): Promise<{ progress: ShelterProgress; jurisdiction: Jurisdiction } | null> {
    const deltas = new Map<string, number>();
    if (before.state === 'sheltered' && before.shelterId) deltas.set(before.shelterId, -(before.people ?? 0));
    if (after.state === 'sheltered' && after.shelterId) {
      deltas.set(after.shelterId, (deltas.get(after.shelterId) ?? 0) + (after.people ?? 0));
    }
    let overFull: { progress: ShelterProgress; jurisdiction: Jurisdiction } | null = null;
    for (const [shelterId, delta] of deltas) {
      if (delta === 0) continue;
      const s = (await this.registry.findById(SHELTER, shelterId))!;
      const occupancy = w.drillId
        ? await this.tasks.drillOccupancy(shelterId, w.drillId)
        : (await this.occupancy.adjust(ctx, shelterId, delta)).occupancy;
      if (delta > 0 && occupancy > s.capacity) {
        overFull = {
          progress: {
            shelterId,
            name: s.name,
            capacity: s.capacity,
            occupancy,
            fromWarning: after.people ?? 0,
            overCapacity: true,
          },
          jurisdiction: { ...SHELTER.jurisdiction(s), streetWide: false },
        };
      }
    }
    return overFull;
  }

  private async dtos(tasks: TransferTaskEntity[]): Promise<TransferTask[]> {
    const households = await this.register.findByIds([...new Set(tasks.map((t) => t.floodHouseholdId))]);
    const shelters = await this.tasks.shelterNames(tasks.flatMap((t) => (t.shelterId ? [t.shelterId] : [])));
    return tasks.map((t) =>
      toTaskDto(t, households.get(t.floodHouseholdId)!, t.shelterId ? (shelters.get(t.shelterId) ?? null) : null),
    );
  }

  /** Refusals (403) are audited even though their transaction rolled back. */
  private async audited<T>(actor: Actor, action: string, id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiException && e.getStatus() === 403) {
        await this.access.deny(actor, `deny:flood.task.${action}`, { type: 'transfer_task', id }, null);
      }
      throw e;
    }
  }
}
