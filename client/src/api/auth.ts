import {
  type ChangePasswordInput,
  type LoginInput,
  type Session,
  sessionSchema,
  sessionUserSchema,
} from '@gridboard/shared';
import { request } from './http';

// Login, refresh and a password change all answer a Session: access token + single-use refresh token.

export function login(input: LoginInput): Promise<Session> {
  return request('/api/auth/login', { method: 'POST', body: input, schema: sessionSchema, auth: false });
}

export function refresh(refreshToken: string): Promise<Session> {
  return request('/api/auth/refresh', {
    method: 'POST',
    body: { refreshToken },
    schema: sessionSchema,
    auth: false,
  });
}

/**
 * Revokes the refresh token on the server. Plain fetch, no refresh on 401 and `keepalive` so it
 * survives the page unloading; the caller forgets the session whatever the answer.
 */
export function logout(accessToken: string, refreshToken: string): Promise<unknown> {
  return fetch('/api/auth/logout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ refreshToken }),
    keepalive: true,
  });
}

/** Ends every other session of the user and answers a fresh one for this tab. */
export function changePassword(input: ChangePasswordInput): Promise<Session> {
  return request('/api/auth/password', { method: 'POST', body: input, schema: sessionSchema });
}

export function me() {
  return request('/api/auth/me', { schema: sessionUserSchema });
}
