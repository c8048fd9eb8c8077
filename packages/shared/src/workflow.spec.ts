import { ROLES } from './roles';
import { allowedActions, checkTransition, type Workflow } from './workflow';
import { floodWarningWorkflow } from './workflows/flood-warning';
import { hazardWorkflow } from './workflows/hazard';
import { incidentWorkflow } from './workflows/incident';
import { transferWorkflow } from './workflows/transfer';
import { summonsWorkflow, whistleWorkflow } from './workflows/whistle';

const all: Workflow<string>[] = [
  incidentWorkflow,
  whistleWorkflow,
  summonsWorkflow,
  transferWorkflow,
  hazardWorkflow,
  floodWarningWorkflow,
];

describe.each(all.map((w) => [w.name, w] as const))('%s workflow', (_name, wf) => {
  it('only names its own states, and every state has labels in both languages', () => {
    for (const t of wf.transitions) {
      for (const s of [...t.from, ...(t.to ? [t.to] : [])]) expect(wf.states).toContain(s);
      expect(t.roles.every((r) => (ROLES as readonly string[]).includes(r))).toBe(true);
    }
    for (const s of wf.states) expect(Object.keys(wf.stateLabels[s])).toEqual(['zh-CN', 'en-US']);
  });

  it('can reach every state from the initial one', () => {
    const seen = new Set([wf.initial]);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of wf.transitions) {
        if (t.to && !seen.has(t.to) && t.from.some((f) => seen.has(f))) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...wf.states].sort());
  });
});

describe('checkTransition', () => {
  it('answers state, role and missing-field refusals distinctly', () => {
    expect(checkTransition(incidentWorkflow, 'reported', 'accept', 'duty_officer')).toEqual({
      ok: true,
      to: 'accepted',
    });
    expect(checkTransition(incidentWorkflow, 'closed', 'accept', 'duty_officer')).toMatchObject({
      reason: 'transition_not_allowed',
    });
    expect(checkTransition(incidentWorkflow, 'reported', 'accept', 'display')).toMatchObject({
      reason: 'role_not_allowed',
    });
    expect(checkTransition(incidentWorkflow, 'accepted', 'dispatch', 'duty_officer', { targets: [] })).toEqual({
      ok: false,
      reason: 'missing_fields',
      missing: ['targets'],
    });
    expect(checkTransition(incidentWorkflow, 'in_progress', 'supervise', 'leader', { note: '请加快' })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(checkTransition(incidentWorkflow, 'reported', 'fly', 'admin')).toMatchObject({ reason: 'unknown_action' });
  });

  it('lists only what a role may do now', () => {
    expect(allowedActions(incidentWorkflow, 'dispatched', 'dept_staff').map((t) => t.action)).toEqual([
      'return',
      'start',
    ]);
    expect(allowedActions(incidentWorkflow, 'dispatched', 'display')).toEqual([]);
  });
});
