import {
  allowedActions,
  type Incident,
  type IncidentAction,
  incidentWorkflow,
  type Rating,
  type SessionUser,
  type Transition,
  type IncidentState,
} from '@gridboard/shared';
import type { ActionBody } from '@/api/incidents';

const OFFICE_ROLES: readonly string[] = ['duty_officer', 'leader', 'admin'];

/** 谁在办 (the server's `assigned_handler`): a department it is sent to, or the workers of its target grid. */
export function isAssignedHandler(i: Incident, user: SessionUser): boolean {
  const s = user.scope;
  switch (user.role) {
    case 'dept_staff':
      return s.kind === 'department' && i.targets.departmentIds.includes(s.departmentId);
    case 'grid_leader':
    case 'grid_worker':
      return s.kind === 'grids' && i.targets.gridId !== null && s.gridIds.includes(i.targets.gridId);
    case 'community_staff':
      return s.kind === 'communities' && i.targets.gridId !== null && s.communityIds.includes(i.communityId);
    default:
      return false;
  }
}

function meetsCondition(t: Transition<IncidentState>, i: Incident, user: SessionUser): boolean {
  switch (t.condition) {
    case 'owner_or_office':
      return OFFICE_ROLES.includes(user.role) || i.ownerId === user.id;
    case 'assigned_handler':
      return isAssignedHandler(i, user);
    default:
      return true;
  }
}

/**
 * The buttons for this user on this incident: what the shared workflow allows the role from the
 * state, and whose condition holds for the item (the server checks the same). `reopen` is not a
 * button of its own: a call-back rated 不满意 takes it.
 */
export function availableActions(i: Incident, user: SessionUser): Transition<IncidentState, string>[] {
  return allowedActions(incidentWorkflow, i.state, user.role).filter(
    (t) => t.action !== 'reopen' && meetsCondition(t, i, user),
  );
}

/** Everything any action's form asks for; each action sends only its own fields. */
export interface ActionForm {
  note: string;
  reason: string;
  result: string;
  rating: Rating | '';
  departmentIds: string[];
  /** Dispatch to the incident's own grid too. */
  toGrid: boolean;
  /** datetime-local value in Beijing time, or '' for the rule's deadline. */
  deadline: string;
  /** Result photo ids, uploaded before `resolve`. */
  photoIds: string[];
}

export const emptyForm = (): ActionForm => ({
  note: '',
  reason: '',
  result: '',
  rating: '',
  departmentIds: [],
  toGrid: false,
  deadline: '',
  photoIds: [],
});

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** `2026-11-23T08:30` typed in Beijing time → ISO with +08:00. */
export function beijingIso(local: string): string | undefined {
  return local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined;
}

/** The request body of `action` from the form (the version is added by the API call). */
export function actionBody(action: IncidentAction, f: ActionForm, i: Incident): ActionBody<IncidentAction> {
  const targets = { departmentIds: f.departmentIds, gridId: f.toGrid ? i.gridId : null };
  switch (action) {
    case 'dispatch':
      return { targets, note: opt(f.note), deadline: beijingIso(f.deadline) };
    case 'redispatch':
      return { targets, reason: f.reason.trim(), note: opt(f.note), deadline: beijingIso(f.deadline) };
    case 'return':
      return { reason: f.reason.trim() };
    case 'resolve':
      return { result: f.result.trim(), photoIds: f.photoIds };
    case 'verify':
      return { rating: f.rating || 'satisfied', note: opt(f.note) };
    case 'supervise':
      return { note: f.note.trim() };
    default:
      return { note: opt(f.note) };
  }
}
