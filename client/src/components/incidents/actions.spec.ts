import type { Incident, SessionUser } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { actionBody, availableActions, beijingIso, emptyForm } from './actions';

const street = '00000000-0000-4000-8000-000000000001';
const grid = '00000000-0000-4000-8000-000000000002';
const fire = '00000000-0000-4000-8000-000000000003';
const me = '00000000-0000-4000-8000-000000000004';

const user = (role: SessionUser['role'], scope: SessionUser['scope']): SessionUser => ({
  id: me,
  username: 'u',
  displayName: 'U',
  role,
  scope,
  mustChangePassword: false,
});
const incident = (patch: Partial<Incident>): Incident =>
  ({
    id: '00000000-0000-4000-8000-000000000005',
    state: 'reported',
    gridId: grid,
    communityId: '00000000-0000-4000-8000-000000000006',
    ownerId: null,
    targets: { departmentIds: [], gridId: null },
    ...patch,
  }) as Incident;

const names = (i: Incident, u: SessionUser) => availableActions(i, u).map((t) => t.action);

describe('availableActions', () => {
  const duty = user('duty_officer', { kind: 'street', streetId: street });
  const dept = user('dept_staff', { kind: 'department', streetId: street, departmentId: fire });
  const leader = user('grid_leader', { kind: 'grids', streetId: street, gridIds: [grid] });

  it('offers the duty officer accept and supervise on a new report, never the handlers’ steps', () => {
    expect(names(incident({}), duty)).toEqual(['accept', 'supervise']);
  });

  it('lets a grid leader dispatch only what they own (首接首办)', () => {
    expect(names(incident({ state: 'accepted', ownerId: 'someone-else' }), leader)).toEqual([]);
    expect(names(incident({ state: 'accepted', ownerId: me }), leader)).toEqual(['dispatch']);
  });

  it('gives a department start and return only on items dispatched to it', () => {
    const sentToFire = incident({ state: 'dispatched', targets: { departmentIds: [fire], gridId: null } });
    expect(names(sentToFire, dept)).toEqual(['return', 'start']);
    expect(names(incident({ state: 'dispatched' }), dept)).toEqual([]);
  });

  it('takes 不满意 through the call-back, not a reopen button', () => {
    expect(names(incident({ state: 'resolved' }), duty)).toEqual(['verify', 'supervise']);
  });
});

describe('actionBody', () => {
  it('sends the targets, the incident’s own grid when asked, and a Beijing deadline', () => {
    const f = { ...emptyForm(), departmentIds: [fire], toGrid: true, deadline: '2026-11-23T08:30' };
    expect(actionBody('dispatch', f, incident({}))).toEqual({
      targets: { departmentIds: [fire], gridId: grid },
      note: undefined,
      deadline: '2026-11-23T08:30:00+08:00',
    });
  });

  it('leaves the deadline to the rules when none is typed', () => {
    expect(beijingIso('')).toBeUndefined();
  });
});
