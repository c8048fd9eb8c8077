import { Injectable } from '@nestjs/common';
import {
  type FloodStep,
  type FloodWarning,
  type FloodWarningListQuery,
  type FloodWarningResult,
  floodWarningWorkflow,
  type IssueWarningInput,
  type Page,
  type TransferTask,
  WARNING_ACTION_SCHEMAS,
  type WarningAction,
  warningLevelRank,
} from '@gridboard/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Clock } from '../command/clock';
import { Commands, type CommandContext } from '../command/commands';
import { ApiException, invalid, invalidField, versionConflict } from '../common/errors';
import { streetOf } from '../common/params';
import { parse } from '../common/validation';
import { Db } from '../db/db';
import type { CloseException, FloodWarningEntity } from './flood-warning.entity';
import { FloodAccess } from './flood-access';
import { taskJurisdiction, toTaskDto, toStepDto, toWarningDto, warningJurisdiction } from './flood-dto';
import { FloodRecorder } from './flood-recorder';
import { ProgressService } from './progress.service';
import { RegisterRepository } from './register.repository';
import { TasksRepository } from './tasks.repository';
import type { TransferTaskEntity } from './transfer-task.entity';
import { householdsInScope } from './warning-scope';
import { WarningsRepository } from './warnings.repository';
import { allowed, knownAction } from './workflow-check';

/**
 * 防汛预警: issuing a warning creates a transfer task for every register household in its scope;
 * its level may be raised or lowered while active; lifting starts return tracking; closing needs
 * everyone home, or an explicit exception with its reason (floodWarningWorkflow decides the rest).
 */
@Injectable()
export class WarningsService {
  constructor(
    private readonly warnings: WarningsRepository,
    private readonly tasks: TasksRepository,
    private readonly register: RegisterRepository,
    private readonly recorder: FloodRecorder,
    private readonly progress: ProgressService,
    private readonly access: FloodAccess,
    private readonly commands: Commands,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async issue(actor: Actor, input: IssueWarningInput): Promise<FloodWarningResult> {
    const streetId = streetOf(actor, input.streetId);
    const drillId = input.drillId ?? null;
    await this.access.ensureDrillRule(actor, drillId, { type: 'flood_warning', id: null });
    if (!(await this.warnings.street(streetId)))
      throw invalidField('streetId', 'not_found', '街道不存在 / no such street');
    if (input.scope.kind === 'grids') {
      const ours = new Set((await this.warnings.grids(streetId)).map((g) => g.id));
      const bad = input.scope.gridIds.flatMap((id, i) => (ours.has(id) ? [] : [i]));
      if (bad.length) {
        throw invalid(
          bad.map((i) => ({
            field: `scope.gridIds.${i}`,
            code: 'not_found',
            message: '不是本街道的网格 / Not a grid of this street',
          })),
        );
      }
    }
    const now = this.clock.now();
    return this.commands.run(actor, async (ctx) => {
      await this.warnings.lockStreet(streetId);
      const inScope = householdsInScope(input.scope, await this.register.ofStreet(streetId));
      // One household, one open task: those still tracked by another warning stay with it.
      const busy = await this.tasks.busyHouseholds(streetId, drillId);
      const covered = inScope.filter((h) => !busy.has(h.id));
      const w = await this.warnings.insert({
        streetId,
        type: input.type,
        level: input.level,
        message: input.message,
        scopeKind: input.scope.kind,
        gridIds: input.scope.kind === 'grids' ? input.scope.gridIds : [],
        area: input.scope.kind === 'area' ? input.scope.area : null,
        state: 'active',
        issuedAt: now,
        issuedById: actor.userId,
        issuedByName: actor.displayName,
        households: covered.length,
        people: covered.reduce((n, h) => n + h.personCount, 0),
        drillId,
      });
      const created = await this.tasks.insertMany(
        covered.map((h) => ({
          warningId: w.id,
          floodHouseholdId: h.id,
          streetId,
          communityId: h.building.communityId,
          gridId: h.building.gridId,
          personCount: h.personCount,
          state: 'pending' as const,
          designatedShelterId: h.shelterId,
          drillId,
        })),
      );
      const warning = toWarningDto(w);
      const step = await this.recorder.step(ctx, actor, w, {
        action: 'issue',
        at: now,
        toState: 'active',
        note: input.message,
        detail: {
          level: w.level,
          type: w.type,
          scope: w.scopeKind,
          households: w.households,
          people: w.people,
          alreadyTracked: inScope
            .filter((h) => busy.has(h.id))
            .map((h) => ({ floodHouseholdId: h.id, warningId: busy.get(h.id) })),
        },
        after: warning,
      });
      ctx.emit('flood.warning.issued', { warning, step }, warningJurisdiction(w), drillId);
      this.announceTasks(ctx, w, created, new Map(covered.map((h) => [h.id, h])));
      await this.progress.emit(ctx, w);
      return { warning, step };
    });
  }

  async list(actor: Actor, q: FloodWarningListQuery): Promise<Page<FloodWarning>> {
    const { result, seq } = await this.db.snapshot(() => this.warnings.list(actor.scope, q));
    return { items: result.items.map(toWarningDto), total: result.total, seq };
  }

  async get(actor: Actor, id: string): Promise<FloodWarning & { timeline: FloodStep[] }> {
    const w = await this.access.warning(actor, id);
    // The warning's own steps; task steps are read per task or in the review.
    const steps = await this.warnings.steps(id, null);
    return { ...toWarningDto(w), timeline: steps.map(toStepDto) };
  }

  /** change_level (升级/降级), lift (解除), close (关闭, with an exception if anyone is not home). */
  async act(actor: Actor, id: string, action: string, body: unknown): Promise<FloodWarningResult> {
    await this.access.warning(actor, id);
    const a = knownAction(WARNING_ACTION_SCHEMAS, action) as WarningAction;
    const input = parse(WARNING_ACTION_SCHEMAS[a], body);
    return this.audited(actor, a, id, () =>
      this.commands.run(actor, async (ctx) => {
        const before = (await this.warnings.findForUpdate(id))!;
        if (before.version !== input.version) throw versionConflict(toWarningDto(before));
        const to = allowed(floodWarningWorkflow, before.state, a, actor, input);
        await this.access.ensureDrillRule(actor, before.drillId, { type: 'flood_warning', id });
        const now = this.clock.now();
        let after: FloodWarningEntity;
        let step: FloodStep;
        if (a === 'change_level') {
          const x = input as z.infer<(typeof WARNING_ACTION_SCHEMAS)['change_level']>;
          if (x.level === before.level) throw invalidField('level', 'same_level', '级别未变 / The level is unchanged');
          after = await this.warnings.update(
            id,
            x.version,
            { level: x.level, ...(x.message ? { message: x.message } : {}) },
            toWarningDto,
          );
          step = await this.recorder.step(ctx, actor, after, {
            action: warningLevelRank(x.level) > warningLevelRank(before.level) ? 'upgrade' : 'downgrade',
            at: now,
            note: x.note ?? x.message ?? null,
            detail: { from: before.level, to: x.level },
            after: toWarningDto(after),
          });
        } else if (a === 'lift') {
          after = await this.warnings.update(id, input.version, { state: to, liftedAt: now }, toWarningDto);
          step = await this.recorder.step(ctx, actor, after, {
            action: 'lift',
            at: now,
            fromState: before.state,
            toState: to,
            note: (input as { note?: string }).note ?? null,
            after: toWarningDto(after),
          });
        } else {
          const x = input as z.infer<(typeof WARNING_ACTION_SCHEMAS)['close']>;
          const exception = await this.closeException(actor, before, x.exceptionReason, now);
          after = await this.warnings.update(
            id,
            x.version,
            { state: to, closedAt: now, closeException: exception },
            toWarningDto,
          );
          step = await this.recorder.step(ctx, actor, after, {
            action: exception ? 'close_exception' : 'close',
            at: now,
            fromState: before.state,
            toState: to,
            note: exception?.reason ?? x.note ?? null,
            detail: exception
              ? { households: exception.households, people: exception.people, taskIds: exception.taskIds }
              : {},
            after: toWarningDto(after),
          });
        }
        const warning = toWarningDto(after);
        ctx.emit('flood.warning.changed', { warning, step }, warningJurisdiction(after), after.drillId);
        await this.progress.emit(ctx, after);
        return { warning, step };
      }),
    );
  }

  /**
   * Everyone accounted for (DOMAIN.md): a task not yet home blocks closing (409, listing them) unless
   * an authorised user gives the reason for closing anyway; the exception records who and why.
   */
  private async closeException(
    actor: Actor,
    w: FloodWarningEntity,
    reason: string | undefined,
    now: Date,
  ): Promise<CloseException | null> {
    const open = (await this.tasks.ofWarning(w.id)).filter((t) => t.state !== 'returned');
    if (!open.length) return null;
    if (!reason) {
      throw new ApiException(409, 'errors.flood_unaccounted', {
        current: {
          households: open.length,
          people: open.reduce((n, t) => n + t.personCount, 0),
          tasks: await this.taskDtos(open),
        },
      });
    }
    return {
      reason,
      byId: actor.userId,
      byName: actor.displayName,
      at: now.toISOString(),
      households: open.length,
      people: open.reduce((n, t) => n + t.personCount, 0),
      taskIds: open.map((t) => t.id),
    };
  }

  private async taskDtos(tasks: TransferTaskEntity[]): Promise<TransferTask[]> {
    const households = await this.register.findByIds(tasks.map((t) => t.floodHouseholdId));
    return tasks.map((t) => toTaskDto(t, households.get(t.floodHouseholdId)!, null));
  }

  /** `flood.tasks.created`, one event per grid: the grid's cadres receive exactly their tasks. */
  private announceTasks(
    ctx: CommandContext,
    w: FloodWarningEntity,
    tasks: TransferTaskEntity[],
    households: Map<string, Parameters<typeof toTaskDto>[1]>,
  ): void {
    const byGrid = new Map<string, TransferTaskEntity[]>();
    for (const t of tasks) byGrid.set(t.gridId, [...(byGrid.get(t.gridId) ?? []), t]);
    for (const [gridId, list] of byGrid) {
      ctx.emit(
        'flood.tasks.created',
        { warningId: w.id, gridId, tasks: list.map((t) => toTaskDto(t, households.get(t.floodHouseholdId)!, null)) },
        taskJurisdiction(list[0]!),
        w.drillId,
      );
    }
  }

  /** Refusals (403) are audited even though their transaction rolled back. */
  private async audited<T>(actor: Actor, action: string, id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiException && e.getStatus() === 403) {
        await this.access.deny(actor, `deny:flood.warning.${action}`, { type: 'flood_warning', id }, null);
      }
      throw e;
    }
  }
}
