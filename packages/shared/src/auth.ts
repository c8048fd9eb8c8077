import { z } from 'zod';
import { scopeSchema, uuidSchema } from './jurisdiction';
import { roleSchema } from './roles';

export const loginSchema = z.object({
  /** Usernames are lower case; what the user types is folded, so 'Duty1' logs in as duty1. */
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const sessionUserSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: scopeSchema,
  /** Set by an administrator's reset: the client asks for a new password before anything else. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * What login, refresh and a password change answer. The access token goes in `Authorization: Bearer`
 * and in the socket handshake; the refresh token is single-use: `POST /api/auth/refresh` returns a new
 * pair, and presenting an already-used refresh token ends the whole session (theft detection).
 */
export const sessionSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  /** Seconds until the refresh token expires (each refresh starts a new period). */
  refreshExpiresIn: z.number().int(),
  user: sessionUserSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const refreshSchema = z.object({ refreshToken: z.string().min(16).max(200) });
export type RefreshInput = z.infer<typeof refreshSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Password policy: at least 10 characters from at least three of the four classes. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;

/** How many of: lower case, upper case, digits, anything else. */
export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
}

export function isStrongPassword(password: string): boolean {
  return [...password].length >= PASSWORD_MIN_LENGTH && passwordClasses(password) >= PASSWORD_MIN_CLASSES;
}

export const authEvents = {
  /** A user was disabled, rescoped or changed role: their sockets are dropped and must reconnect. */
  'auth.user_changed': z.object({ userId: uuidSchema }),
} as const;
