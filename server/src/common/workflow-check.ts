import { checkTransition, type Workflow } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { ApiException, invalid, invalidField } from './errors';

/** The action named in a path, if the domain has a body schema for it; 400 otherwise. */
export function knownAction(schemas: object, action: string): string {
  if (!(action in schemas)) throw invalidField('action', 'unknown_action', `未知操作 / Unknown action: ${action}`);
  return action;
}

/** The shared workflow's answer as HTTP: 409 wrong state, 403 wrong role, 400 missing fields. */
export function ensureTransition<S extends string>(
  wf: Workflow<S>,
  state: S,
  action: string,
  actor: Actor,
  input: object,
): S {
  const r = checkTransition(wf, state, action, actor.role, input as Record<string, unknown>);
  if (r.ok) return r.to;
  if (r.reason === 'transition_not_allowed') throw new ApiException(409, 'errors.transition_not_allowed');
  if (r.reason === 'role_not_allowed') throw new ApiException(403, 'errors.role_not_allowed');
  if (r.reason === 'missing_fields') {
    throw invalid(r.missing.map((f) => ({ field: f, code: 'required', message: '必填 / Required' })));
  }
  throw invalidField('action', 'unknown_action', `未知操作 / Unknown action: ${action}`);
}
