import { Injectable } from '@nestjs/common';
import {
  checkTransition,
  INCIDENT_ACTION_SCHEMAS,
  type IncidentAction,
  type IncidentActionResult,
  type IncidentState,
  type IncidentTargets,
  incidentWorkflow,
  transition,
} from '@gridboard/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { ApiException, invalid, invalidField, notFound, versionConflict } from '../common/errors';
import { parse } from '../common/validation';
import { toIncidentDto } from './incident-dto';
import { incidentJurisdiction, IncidentRecorder } from './incident-recorder';
import type { IncidentEntity } from './incident.entity';
import { IncidentsRepository } from './incidents.repository';
import { LocationRepository } from './location.repository';

type Input<A extends IncidentAction> = z.infer<(typeof INCIDENT_ACTION_SCHEMAS)[A]>;
type AnyInput = Input<IncidentAction>;
type Patch = Partial<IncidentEntity>;

const OFFICE_ROLES = ['duty_officer', 'leader', 'admin', 'system'];

/** The locked incident is outside the actor's scope: answered 404, its refusal audited after the rollback. */
class OutOfScope extends Error {
  constructor(readonly incident: IncidentEntity) {
    super('out of scope');
  }
}

/**
 * The incident lifecycle: the shared workflow decides which state and role may take an action
 * (409 / 403 / 400), the conditions it names are checked here against the item, and each action's
 * effect is written with its timeline step, audit row and event in one transaction.
 */
@Injectable()
export class IncidentActionsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly policy: Policy,
    private readonly geo: LocationRepository,
    private readonly recorder: IncidentRecorder,
    private readonly commands: Commands,
    private readonly clock: Clock,
  ) {}

  async act(actor: Actor, id: string, action: string, body: unknown): Promise<IncidentActionResult> {
    if (!(action in INCIDENT_ACTION_SCHEMAS)) {
      throw invalidField('action', 'unknown_action', `未知操作 / Unknown action: ${action}`);
    }
    const a = action as IncidentAction;
    let name: IncidentAction = a;
    try {
      return await this.commands.run(actor, async (ctx) => {
        // Whether the actor sees the item is decided on the row the action locks: one read, not two.
        const before = await this.repo.findForUpdate(id);
        if (!before) throw notFound();
        if (!this.policy.sees(actor, incidentJurisdiction(before))) throw new OutOfScope(before);
        const input = parse(INCIDENT_ACTION_SCHEMAS[a], body) as AnyInput;
        // 群众评单: 不满意 is not a verification but a reopening (its own transition and rules).
        if (a === 'verify' && (input as Input<'verify'>).rating === 'dissatisfied') name = 'reopen';
        const now = this.clock.now();
        if (before.version !== input.version) {
          const photos = (await this.repo.photosOf([id])).get(id) ?? [];
          throw versionConflict(toIncidentDto(before, photos, now));
        }
        this.checkWorkflow(actor, before.state, name, input);
        this.checkCondition(actor, before, name);
        const { patch, note, detail } = await this.effect(name, actor, before, input, now);
        const after = await this.repo.update(id, input.version, patch, (c) => toIncidentDto(c, [], now));
        return this.recorder.record(ctx, actor, before, after, {
          action: name,
          at: now,
          note,
          detail,
          event: 'incident.changed',
        });
      });
    } catch (e) {
      // Refusals are audited after the rollback, or their audit rows would go with it.
      if (e instanceof OutOfScope) {
        await this.policy.ensureVisible(actor, incidentJurisdiction(e.incident), { type: 'incident', id });
      }
      if (e instanceof ApiException && e.getStatus() === 403) {
        await this.commands.recordOutcome(actor, {
          action: `incident.${name}`,
          objectType: 'incident',
          objectId: id,
          result: 'denied',
          detail: { code: e.code },
        });
      }
      throw e;
    }
  }

  private checkWorkflow(actor: Actor, state: IncidentState, action: IncidentAction, input: AnyInput): void {
    const flat: Record<string, unknown> = { ...input };
    if ('targets' in input) flat.targets = [...input.targets.departmentIds, input.targets.gridId].filter(Boolean);
    const check = checkTransition(incidentWorkflow, state, action, actor.role, flat);
    if (check.ok) return;
    switch (check.reason) {
      case 'transition_not_allowed':
        throw new ApiException(409, 'errors.transition_not_allowed');
      case 'role_not_allowed':
        throw new ApiException(403, 'errors.role_not_allowed');
      case 'missing_fields':
        throw invalid(check.missing.map((f) => ({ field: f, code: 'required', message: '必填 / Required' })));
      default:
        throw invalidField('action', 'unknown_action', `未知操作 / Unknown action: ${action}`);
    }
  }

  private checkCondition(actor: Actor, i: IncidentEntity, action: IncidentAction): void {
    const condition = transition(incidentWorkflow, action)?.condition;
    if (condition === 'owner_or_office') {
      if (!OFFICE_ROLES.includes(actor.role) && actor.userId !== i.ownerId) {
        throw new ApiException(403, 'errors.not_owner');
      }
    } else if (condition === 'assigned_handler') {
      if (!assigned(actor, i)) throw new ApiException(403, 'errors.not_assigned');
    }
    // rating_satisfied / rating_dissatisfied are guaranteed by routing `verify` on the rating.
  }

  private async effect(
    action: IncidentAction,
    actor: Actor,
    i: IncidentEntity,
    input: AnyInput,
    now: Date,
  ): Promise<{ patch: Patch; note: string | null; detail: Record<string, unknown> }> {
    const note = 'note' in input ? (input.note ?? null) : null;
    switch (action) {
      case 'accept':
        // 首接首办: whoever accepts it owns it.
        return {
          patch: { state: 'accepted', ownerId: actor.userId, ownerName: actor.displayName, acceptedAt: now },
          note,
          detail: {},
        };
      case 'dispatch':
      case 'redispatch': {
        const x = input as Input<'dispatch'> & Partial<Input<'redispatch'>>;
        await this.validateTargets(i, x.targets);
        const deadline = x.deadline ? new Date(x.deadline) : undefined;
        const previousTargets = { departmentIds: i.departmentIds, gridId: i.targetGridId };
        return {
          patch: {
            state: 'dispatched',
            departmentIds: x.targets.departmentIds,
            targetGridId: x.targets.gridId,
            dispatchedAt: now,
            ...(deadline ? { deadline } : {}),
          },
          note: x.reason ?? note,
          detail: {
            targets: x.targets,
            ...(action === 'redispatch' ? { previousTargets, reason: x.reason } : {}),
            ...(deadline ? { deadline: deadline.toISOString() } : {}),
            ...(x.reason && note ? { comment: note } : {}),
          },
        };
      }
      case 'return': {
        const x = input as Input<'return'>;
        return {
          patch: { state: 'returned', departmentIds: [], targetGridId: null },
          note: x.reason,
          detail: { reason: x.reason, previousTargets: { departmentIds: i.departmentIds, gridId: i.targetGridId } },
        };
      }
      case 'start':
        return { patch: { state: 'in_progress' }, note, detail: {} };
      case 'resolve': {
        const x = input as Input<'resolve'>;
        const photos = (await this.repo.photosOf([i.id])).get(i.id) ?? [];
        const unknown = x.photoIds.filter((p) => !photos.some((ph) => ph.id === p));
        if (unknown.length) {
          throw invalidField(
            'photoIds',
            'not_found',
            `照片不属于该事件 / Not photos of this incident: ${unknown.join(', ')}`,
          );
        }
        return {
          patch: { state: 'resolved', result: x.result, resolvedAt: now },
          note: x.result,
          detail: x.photoIds.length ? { photoIds: x.photoIds } : {},
        };
      }
      case 'verify': {
        const x = input as Input<'verify'>;
        return { patch: { state: 'verified', rating: x.rating, verifiedAt: now }, note, detail: { rating: x.rating } };
      }
      case 'reopen': {
        if (!note) throw invalidField('note', 'required', '不满意时请说明原因 / Say what is still wrong');
        return {
          patch: { state: 'in_progress', rating: 'dissatisfied', resolvedAt: null },
          note,
          detail: { rating: 'dissatisfied' },
        };
      }
      case 'close':
        return { patch: { state: 'closed', closedAt: now }, note, detail: {} };
      case 'supervise':
        return {
          patch: { supervisionCount: i.supervisionCount + 1, lastSupervisedAt: now },
          note,
          detail: { automatic: false },
        };
    }
  }

  /** Departments of the incident's street; the grid can only be the incident's own. */
  private async validateTargets(i: IncidentEntity, t: IncidentTargets): Promise<void> {
    const found = await this.geo.departments(t.departmentIds);
    const bad = t.departmentIds.filter((id) => !found.some((d) => d.id === id && d.streetId === i.streetId));
    if (bad.length) {
      throw invalidField(
        'targets.departmentIds',
        'not_found',
        `不是本街道的部门 / Not a department of this street: ${bad.join(', ')}`,
      );
    }
    if (t.gridId && t.gridId !== i.gridId) {
      throw invalidField('targets.gridId', 'other_grid', "只能派给事件所在网格 / Only the incident's own grid");
    }
  }
}

/** 谁在办: a department it is dispatched to, or the workers of its grid (and their community). */
function assigned(actor: Actor, i: IncidentEntity): boolean {
  const s = actor.scope;
  switch (actor.role) {
    case 'dept_staff':
      return s.kind === 'department' && i.departmentIds.includes(s.departmentId);
    case 'grid_leader':
    case 'grid_worker':
      return s.kind === 'grids' && i.targetGridId !== null && s.gridIds.includes(i.targetGridId);
    case 'community_staff':
      return s.kind === 'communities' && i.targetGridId !== null && s.communityIds.includes(i.communityId);
    default:
      return false;
  }
}
