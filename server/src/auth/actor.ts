import type { Role, Scope } from '@gridboard/shared';

/** Who is acting, resolved fresh from the users table on every request and socket message. */
export interface Actor {
  userId: string | null;
  username: string;
  displayName: string;
  role: Role | 'system';
  scope: Scope;
  requestId: string | null;
  ip: string | null;
}

/** The scheduler and start-up jobs act as the system, with district-wide scope. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  displayName: '系统',
  role: 'system',
  scope: { kind: 'district' },
  requestId: null,
  ip: null,
};
