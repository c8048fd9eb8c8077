import {
  type CreateUserInput,
  pageSchema,
  type ResetPasswordInput,
  revealedUserSchema,
  type Role,
  type UpdateUserInput,
  userSchema,
} from '@gridboard/shared';
import { request } from './http';

// User administration (用户管理, permission user.manage): server/src/auth/users.controller.ts.

export const usersPageSchema = pageSchema(userSchema);

export interface UserFilters {
  role?: Role;
  /** username or display name */
  q?: string;
  disabled?: boolean;
  limit: number;
  offset: number;
}

const path = (id: string, action = '') => `/api/users/${encodeURIComponent(id)}${action}`;

export const usersApi = {
  list: (f: UserFilters, signal?: AbortSignal) =>
    request('/api/users', {
      query: {
        role: f.role,
        q: f.q || undefined,
        disabled: f.disabled === undefined ? undefined : String(f.disabled),
        limit: f.limit,
        offset: f.offset,
      },
      schema: usersPageSchema,
      signal,
    }),
  get: (id: string) => request(path(id), { schema: userSchema }),
  create: (input: CreateUserInput) => request('/api/users', { method: 'POST', body: input, schema: userSchema }),
  /** Based on `version`: a stale one answers 409 with the current user in `ApiRequestError.current`. */
  update: (id: string, input: UpdateUserInput) =>
    request(path(id), { method: 'PATCH', body: input, schema: userSchema }),
  resetPassword: (id: string, input: ResetPasswordInput) =>
    request(path(id, '/password'), { method: 'POST', body: input, schema: userSchema }),
  disable: (id: string) => request(path(id, '/disable'), { method: 'POST', schema: userSchema }),
  enable: (id: string) => request(path(id, '/enable'), { method: 'POST', schema: userSchema }),
  /** The unmasked phone; audited as pii.reveal. */
  reveal: (id: string) => request(path(id, '/reveal'), { method: 'POST', schema: revealedUserSchema }),
};
