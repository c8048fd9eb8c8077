import { type LoginInput, sessionUserSchema } from '@gridboard/shared';
import { z } from 'zod';
import { request } from './http';

/**
 * The answer to login and refresh. `refreshToken` is optional: servers without rotating refresh
 * tokens answer without it, and the session then simply ends when the access token expires.
 */
export const sessionResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresIn: z.number().positive(),
  user: sessionUserSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export function login(input: LoginInput): Promise<SessionResponse> {
  return request('/api/auth/login', { method: 'POST', body: input, schema: sessionResponseSchema, auth: false });
}

export function refresh(refreshToken: string): Promise<SessionResponse> {
  return request('/api/auth/refresh', {
    method: 'POST',
    body: { refreshToken },
    schema: sessionResponseSchema,
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

export function me() {
  return request('/api/auth/me', { schema: sessionUserSchema });
}
