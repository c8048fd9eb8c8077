import type { User } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { fieldMessage, fitScopeKind, scopeOf, userChanges, userDraft } from './user-form';

const STREET = '11111111-1111-4111-8111-111111111111';
const GRID_A = '22222222-2222-4222-8222-222222222222';
const GRID_B = '33333333-3333-4333-8333-333333333333';
const COMMUNITY = '44444444-4444-4444-8444-444444444444';

const worker: User = {
  id: '55555555-5555-4555-8555-555555555555',
  username: 'worker09',
  displayName: '孙晓燕',
  role: 'grid_worker',
  scope: { kind: 'grids', streetId: STREET, gridIds: [GRID_A, GRID_B] },
  streetId: STREET,
  phone: '139****0008',
  disabled: false,
  mustChangePassword: false,
  lastLoginAt: null,
  version: 3,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
};

describe('user form', () => {
  it('offers only the scope kinds the role allows', () => {
    expect(fitScopeKind('street', 'grid_worker')).toBe('grids');
    expect(fitScopeKind('grids', 'grid_leader')).toBe('grids');
    expect(fitScopeKind('grids', 'community_staff')).toBe('communities');
    expect(fitScopeKind('district', 'admin')).toBe('district');
    expect(fitScopeKind('grids', 'admin')).toBe('district');
  });

  it('sends nothing when nothing changed, whatever the order of the grids', () => {
    const d = userDraft(worker);
    d.scope.gridIds = [GRID_B, GRID_A];
    expect(userChanges(worker, d)).toEqual({});
  });

  it('sends only what changed; the masked phone is never sent back', () => {
    const d = userDraft(worker);
    expect(d.phone).toBe('');
    d.displayName = ' 孙晓燕（网格员） ';
    expect(userChanges(worker, d)).toEqual({ displayName: '孙晓燕（网格员）' });
    d.phone = '13712345678';
    expect(userChanges(worker, d)).toMatchObject({ phone: '13712345678' });
  });

  it('sends the scope with a new role, since the server checks them together', () => {
    const d = userDraft(worker);
    d.role = 'community_staff';
    d.scope.kind = fitScopeKind(d.scope.kind, d.role);
    d.scope.communityIds = [COMMUNITY];
    expect(userChanges(worker, d)).toEqual({
      role: 'community_staff',
      scope: { kind: 'communities', streetId: STREET, communityIds: [COMMUNITY] },
    });
  });

  it('builds a scope of the chosen kind only', () => {
    const d = userDraft(worker).scope;
    expect(scopeOf({ ...d, kind: 'street' })).toEqual({ kind: 'street', streetId: STREET });
    expect(scopeOf({ ...d, kind: 'district' })).toEqual({ kind: 'district' });
  });

  it('puts a server error on the form item that holds the field', () => {
    const fields = { 'scope.gridIds.1': '该街道没有此网格', username: '用户名已存在' };
    expect(fieldMessage(fields, 'scope.gridIds')).toBe('该街道没有此网格');
    expect(fieldMessage(fields, 'username')).toBe('用户名已存在');
    expect(fieldMessage(fields, 'scope.communityIds')).toBe('');
    expect(fieldMessage(fields, 'user')).toBe('');
  });
});
