import { z } from 'zod';
import { scopeSchema, uuidSchema } from './jurisdiction';
import { roleSchema } from './roles';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const sessionUserSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: scopeSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const authEvents = {
  /** A user was disabled, rescoped or changed role: their sockets are dropped and must reconnect. */
  'auth.user_changed': z.object({ userId: uuidSchema }),
} as const;
