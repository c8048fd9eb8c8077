import { z } from 'zod';
import { uuidSchema } from './jurisdiction';
import type { Locale } from './messages';
import type { Role } from './roles';

export type Label = Record<Locale, string>;

/**
 * What every line of a workflow's timeline has: who did what and when, their note, and what the action
 * carries (`detail`). Each workflow adds the object it belongs to and what else its steps record.
 */
export const timelineStepSchema = z.object({
  id: uuidSchema,
  at: z.string(),
  actorId: uuidSchema.nullable(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
/** The states a step moved between; null where the action does not move the state. */
export const stateChangeShape = { fromState: z.string().nullable(), toState: z.string().nullable() };

/**
 * One step of a lifecycle. `to: null` records an action that does not move the state (a supervision
 * notice, an extension request). `requires` names the command fields that must be present and
 * non-empty. Conditions that depend on the object (the owner, a summoned department, a different
 * re-inspector) are checked by the service and named in `condition` so the client can explain them.
 */
export interface Transition<S extends string, A extends string = string> {
  action: A;
  from: readonly S[];
  to: S | null;
  roles: readonly Role[];
  requires?: readonly string[];
  condition?: string;
  label: Label;
}

/** A lifecycle as data: the server enforces it, the client renders only the actions it allows. */
export interface Workflow<S extends string, A extends string = string> {
  name: string;
  states: readonly S[];
  initial: S;
  /** States in which nothing is pending any more (timers stop, statistics count it as done). */
  terminal: readonly S[];
  stateLabels: Record<S, Label>;
  transitions: readonly Transition<S, A>[];
}

export function transition<S extends string, A extends string>(
  wf: Workflow<S, A>,
  action: string,
): Transition<S, A> | undefined {
  return wf.transitions.find((t) => t.action === action);
}

/** The actions a role may take from a state (what the client shows as buttons). */
export function allowedActions<S extends string, A extends string>(
  wf: Workflow<S, A>,
  state: S,
  role: Role | 'system',
): Transition<S, A>[] {
  return wf.transitions.filter((t) => t.from.includes(state) && (role === 'system' || t.roles.includes(role)));
}

export type TransitionCheck<S extends string> =
  | { ok: true; to: S }
  | { ok: false; reason: 'unknown_action' | 'transition_not_allowed' | 'role_not_allowed'; missing?: undefined }
  | { ok: false; reason: 'missing_fields'; missing: string[] };

/**
 * Whether `role` may take `action` from `state` with `input`: 409 for the wrong state, 403 for the
 * wrong role, 400 for missing fields (the server maps the reasons to those statuses).
 */
export function checkTransition<S extends string, A extends string>(
  wf: Workflow<S, A>,
  state: S,
  action: string,
  role: Role | 'system',
  input: Record<string, unknown> = {},
): TransitionCheck<S> {
  const t = transition(wf, action);
  if (!t) return { ok: false, reason: 'unknown_action' };
  if (!t.from.includes(state)) return { ok: false, reason: 'transition_not_allowed' };
  if (role !== 'system' && !t.roles.includes(role)) return { ok: false, reason: 'role_not_allowed' };
  const missing = (t.requires ?? []).filter((f) => {
    const v = input[f];
    return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  });
  if (missing.length) return { ok: false, reason: 'missing_fields', missing };
  return { ok: true, to: t.to ?? state };
}
