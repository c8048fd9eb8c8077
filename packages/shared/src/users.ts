import { z } from 'zod';
import { listQuerySchema } from './api';
import { scopeSchema, uuidSchema } from './jurisdiction';
import { roleSchema } from './roles';

/** Lower-case login names: letters, digits, '.', '_' and '-' (e.g. duty1, grid01, dept-fire). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '2–32 个小写字母、数字或 . _ - / 2–32 lower-case letters, digits, . _ -');
export const displayNameSchema = z.string().trim().min(1).max(40);
export const staffPhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话只能包含数字、+ 和 - / phone: digits, + and - only');

/** A user as the admin API answers it: the phone is masked (reveal is a separate, audited request). */
export const userSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: scopeSchema,
  /** The street of the scope; null for district-wide administrators. */
  streetId: uuidSchema.nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  scope: scopeSchema,
  phone: staffPhoneSchema.nullable().optional(),
  /** The initial password (password policy applies); the user must change it at first login. */
  password: z.string().min(1).max(200),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Any subset of the fields, based on `version`. Role and scope are checked together. */
export const updateUserSchema = z.object({
  version: z.number().int().min(1),
  displayName: displayNameSchema.optional(),
  phone: staffPhoneSchema.nullable().optional(),
  role: roleSchema.optional(),
  scope: scopeSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: z.string().min(1).max(200) });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const userListQuerySchema = listQuerySchema.extend({
  role: roleSchema.optional(),
  /** Matches username or display name, case-insensitively. */
  q: z.string().trim().min(1).max(64).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** The answer of `POST /api/users/:id/reveal` (audited as pii.reveal). */
export const revealedUserSchema = z.object({ id: uuidSchema, phone: z.string().nullable() });
export type RevealedUser = z.infer<typeof revealedUserSchema>;
