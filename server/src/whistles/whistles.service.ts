import { Injectable } from '@nestjs/common';
import {
  type BlowWhistleInput,
  DEFAULT_RESOLVE_WITHIN_HOURS,
  type Page,
  SUMMONS_ACTION_SCHEMAS,
  type SummonsAction,
  summonsWorkflow,
  type Whistle,
  WHISTLE_ACTION_SCHEMAS,
  WHISTLE_LEVELS,
  type WhistleAction,
  type WhistleListQuery,
  type WhistleStep,
  whistleWorkflow,
} from '@gridboard/shared';
import { QueryFailedError } from 'typeorm';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalid, invalidField, notFound, versionConflict } from '../common/errors';
import { parse } from '../common/validation';
import { ensureTransition, knownAction } from '../common/workflow-check';
import { Db } from '../db/db';
import type { DepartmentEntity } from '../geo/department.entity';
import { IncidentRecorder } from '../incidents/incident-recorder';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { IncidentsService } from '../incidents/incidents.service';
import { LocationRepository } from '../incidents/location.repository';
import { toSummonsDto, toWhistleDto, toWhistleStepDto, whistleJurisdiction } from './whistle-dto';
import { WhistleRecorder } from './whistle-recorder';
import type { SummonsEntity, WhistleEntity } from './whistle.entity';
import { WhistlesRepository } from './whistles.repository';

type Result = { whistle: Whistle; step: WhistleStep };
type Summoned = { departmentId: string; reportWithinMinutes?: number };
const MAX_LEVEL = WHISTLE_LEVELS[WHISTLE_LEVELS.length - 1]!;

/**
 * 吹哨报到: blowing the whistle on an incident, raising it, confirming it closed, and each summoned
 * department's 签收 → 报到 → 反馈. The whistle and summons workflows (shared) decide state and role;
 * the conditions they name are checked here.
 */
@Injectable()
export class WhistlesService {
  constructor(
    private readonly repo: WhistlesRepository,
    private readonly incidents: IncidentsService,
    private readonly incidentRepo: IncidentsRepository,
    private readonly incidentRecorder: IncidentRecorder,
    private readonly geo: LocationRepository,
    private readonly recorder: WhistleRecorder,
    private readonly commands: Commands,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async blow(actor: Actor, input: BlowWhistleInput): Promise<Result> {
    const incident = await this.incidents.visible(actor, input.incidentId);
    if (incident.state === 'closed') throw new ApiException(409, 'errors.transition_not_allowed');
    const departments = await this.departments(incident.streetId, input.departments, 'departments');
    const now = this.clock.now();
    const resolveBy = input.resolveBy
      ? new Date(input.resolveBy)
      : new Date(now.getTime() + DEFAULT_RESOLVE_WITHIN_HOURS * 3_600_000);
    if (resolveBy <= now) throw invalidField('resolveBy', 'in_past', '应晚于现在 / Must be in the future');
    return this.commands
      .run(actor, async (ctx) => {
        if (await this.repo.openForIncident(incident.id)) throw new ApiException(409, 'errors.whistle_open');
        const w = await this.repo.insert({
          streetId: incident.streetId,
          communityId: incident.communityId,
          gridId: incident.gridId,
          departmentIds: departments.map((d) => d.id),
          incidentId: incident.id,
          incidentSummary: {
            number: incident.number,
            title: incident.title,
            category: incident.category,
            severity: incident.severity,
            address: incident.address,
            lat: incident.lat,
            lng: incident.lng,
          },
          reason: input.reason,
          level: 1,
          state: 'open',
          blownAt: now,
          blownById: actor.userId,
          blownByName: actor.displayName,
          resolveBy,
          drillId: incident.drillId,
        });
        await this.repo.insertSummons(
          this.summonsRows(w, 1, departments, input.departments, input.reportWithinMinutes, now),
        );
        await this.incidentRecorder.record(ctx, actor, incident, incident, {
          action: 'whistle',
          at: now,
          note: input.reason,
          detail: { whistleId: w.id, departmentIds: w.departmentIds },
          event: 'incident.changed',
        });
        return this.recorder.record(
          ctx,
          actor,
          w,
          { action: 'blow', at: now, note: input.reason, detail: { level: 1, departmentIds: w.departmentIds } },
          (r) => ctx.emit('whistle.blown', r, whistleJurisdiction(w), w.drillId),
        );
      })
      .catch((e: unknown) => {
        // Two whistles blown on one incident at the same moment: the partial unique index keeps one.
        if (e instanceof QueryFailedError && (e as { code?: string }).code === '23505') {
          throw new ApiException(409, 'errors.whistle_open');
        }
        throw e;
      });
  }

  async list(actor: Actor, q: WhistleListQuery): Promise<Page<Whistle>> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(async () => {
      const { items, total } = await this.repo.list(actor.scope, q, now);
      const summons = await this.repo.summonsOf(items.map((w) => w.id));
      return { items: items.map((w) => toWhistleDto(w, summons.get(w.id) ?? [])), total };
    });
    return { ...result, seq };
  }

  async get(actor: Actor, id: string): Promise<Whistle & { timeline: WhistleStep[] }> {
    const w = await this.visible(actor, id);
    const [summons, steps] = await Promise.all([this.repo.summonsOf([id]), this.repo.steps(id)]);
    return { ...toWhistleDto(w, summons.get(id) ?? []), timeline: steps.map(toWhistleStepDto) };
  }

  /** raise (升级), confirm (确认办结), cancel (撤销). */
  async act(actor: Actor, id: string, action: string, body: unknown): Promise<Result> {
    const a = knownAction(WHISTLE_ACTION_SCHEMAS, action) as WhistleAction;
    await this.visible(actor, id);
    const input = parse(WHISTLE_ACTION_SCHEMAS[a], body);
    return this.audited(actor, `whistle.${a}`, id, () =>
      this.commands.run(actor, async (ctx) => {
        const before = (await this.repo.findForUpdate(id))!;
        const now = this.clock.now();
        const summons = (await this.repo.summonsOf([id])).get(id) ?? [];
        if (before.version !== input.version) throw versionConflict(toWhistleDto(before, summons));
        ensureTransition(whistleWorkflow, before.state, a, actor, input);
        const present = (c: WhistleEntity) => toWhistleDto(c, summons);
        if (a === 'raise') {
          const x = input as z.infer<(typeof WHISTLE_ACTION_SCHEMAS)['raise']>;
          if (before.level >= MAX_LEVEL) throw new ApiException(409, 'errors.max_level');
          const level = before.level + 1;
          // Departments already summoned stay as they are: never summoned twice.
          const fresh = x.departments.filter((d) => !before.departmentIds.includes(d.departmentId));
          const skipped = x.departments.filter((d) => before.departmentIds.includes(d.departmentId));
          const departments = await this.departments(before.streetId, fresh, 'departments');
          const after = await this.repo.update(
            id,
            x.version,
            { level, departmentIds: [...before.departmentIds, ...departments.map((d) => d.id)] },
            present,
          );
          await this.repo.insertSummons(this.summonsRows(after, level, departments, fresh, x.reportWithinMinutes, now));
          return this.recorder.record(
            ctx,
            actor,
            after,
            {
              action: 'raise',
              at: now,
              note: x.reason,
              detail: {
                level,
                addedDepartmentIds: departments.map((d) => d.id),
                alreadySummoned: skipped.map((d) => d.departmentId),
              },
            },
            this.recorder.changed(ctx, after),
          );
        }
        if (a === 'confirm' && summons.some((s) => s.state !== 'reported')) {
          throw new ApiException(409, 'errors.summons_pending');
        }
        const note =
          a === 'cancel' ? (input as { reason: string }).reason : ((input as { note?: string }).note ?? null);
        const after = await this.repo.update(
          id,
          input.version,
          { state: a === 'confirm' ? 'closed' : 'cancelled', closedAt: now },
          present,
        );
        const incident = (await this.incidentRepo.findById(after.incidentId))!;
        await this.incidentRecorder.record(ctx, actor, incident, incident, {
          action: a === 'confirm' ? 'whistle_closed' : 'whistle_cancelled',
          at: now,
          note,
          detail: { whistleId: id },
          event: 'incident.changed',
        });
        return this.recorder.record(ctx, actor, after, { action: a, at: now, note }, this.recorder.changed(ctx, after));
      }),
    );
  }

  /** A summoned department's 签收 (acknowledge), 报到 (arrive), 反馈 (report). */
  async summonsAct(actor: Actor, id: string, summonsId: string, action: string, body: unknown): Promise<Result> {
    const a = knownAction(SUMMONS_ACTION_SCHEMAS, action) as SummonsAction;
    await this.visible(actor, id);
    const input = parse(SUMMONS_ACTION_SCHEMAS[a], body);
    return this.audited(actor, `whistle.${a}`, summonsId, () =>
      this.commands.run(actor, async (ctx) => {
        const w = (await this.repo.findForUpdate(id))!;
        const s = ((await this.repo.summonsOf([id])).get(id) ?? []).find((x) => x.id === summonsId);
        if (!s) throw notFound();
        const now = this.clock.now();
        if (s.version !== input.version) throw versionConflict(toSummonsDto(s));
        if (w.state !== 'open') throw new ApiException(409, 'errors.transition_not_allowed');
        const to = ensureTransition(summonsWorkflow, s.state, a, actor, input);
        if (actor.scope.kind !== 'department' || actor.scope.departmentId !== s.departmentId) {
          throw new ApiException(403, 'errors.not_summoned');
        }
        const by = actor.displayName;
        let patch: Partial<SummonsEntity> = { state: to };
        let detail: Record<string, unknown> = { departmentId: s.departmentId, departmentName: s.departmentName };
        if (a === 'acknowledge') patch = { ...patch, acknowledgedAt: now, acknowledgedByName: by };
        if (a === 'arrive') {
          const x = input as z.infer<(typeof SUMMONS_ACTION_SCHEMAS)['arrive']>;
          if ((x.lat === undefined) !== (x.lng === undefined)) {
            throw invalidField('lat', 'pair', '经度和纬度须同时填写 / lat and lng go together');
          }
          patch = {
            ...patch,
            arrivedAt: now,
            arrivedByName: by,
            arrivedLat: x.lat ?? null,
            arrivedLng: x.lng ?? null,
            ...(s.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedByName: by }),
          };
          detail = { ...detail, onTime: now <= s.deadline, ...(x.lat !== undefined ? { lat: x.lat, lng: x.lng } : {}) };
        }
        if (a === 'report') {
          const x = input as z.infer<(typeof SUMMONS_ACTION_SCHEMAS)['report']>;
          patch = { ...patch, reportedAt: now, result: x.result, resolved: x.resolved };
          detail = { ...detail, resolved: x.resolved };
        }
        await this.repo.updateSummons(s.id, input.version, patch, toSummonsDto);
        const note =
          a === 'report' ? (input as { result: string }).result : ((input as { note?: string }).note ?? null);
        return this.recorder.record(
          ctx,
          actor,
          w,
          { action: a, at: now, summonsId: s.id, note, detail },
          this.recorder.changed(ctx, w),
        );
      }),
    );
  }

  async visible(actor: Actor, id: string): Promise<WhistleEntity> {
    const w = await this.repo.findById(id);
    if (!w) throw notFound();
    await this.policy.ensureVisible(actor, whistleJurisdiction(w), { type: 'whistle', id });
    return w;
  }

  /** Departments of the street, in the order given; 400 naming those that are not. */
  private async departments(streetId: string, wanted: Summoned[], field: string): Promise<DepartmentEntity[]> {
    const found = await this.geo.departments(wanted.map((d) => d.departmentId));
    const bad = wanted.filter((d) => !found.some((f) => f.id === d.departmentId && f.streetId === streetId));
    if (bad.length) {
      throw invalid(
        bad.map((d) => ({
          field: `${field}[${wanted.indexOf(d)}].departmentId`,
          code: 'not_found',
          message: '不是本街道的部门 / Not a department of this street',
        })),
      );
    }
    return wanted.map((d) => found.find((f) => f.id === d.departmentId)!);
  }

  private summonsRows(
    w: WhistleEntity,
    level: number,
    departments: DepartmentEntity[],
    wanted: Summoned[],
    defaultMinutes: number,
    now: Date,
  ): Partial<SummonsEntity>[] {
    return departments.map((d) => {
      const minutes = wanted.find((x) => x.departmentId === d.id)?.reportWithinMinutes ?? defaultMinutes;
      return {
        whistleId: w.id,
        departmentId: d.id,
        departmentName: d.name,
        level,
        state: 'summoned',
        summonedAt: now,
        deadline: new Date(now.getTime() + minutes * 60_000),
      };
    });
  }

  /** Refusals (403) are audited even though their transaction rolled back. */
  private async audited<T>(actor: Actor, action: string, objectId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiException && e.getStatus() === 403) {
        await this.commands.recordOutcome(actor, {
          action,
          objectType: 'whistle',
          objectId,
          result: 'denied',
          detail: { code: e.code },
        });
      }
      throw e;
    }
  }
}
