import { randomBytes } from 'node:crypto';
import { isStrongPassword, message } from '@gridboard/shared';
import argon2 from 'argon2';
import { invalid } from '../common/errors';

/** argon2id with the library's recommended defaults (m=64 MiB, t=3, p=4). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against nobody's hash, so an unknown username costs the same time as a known
 * one and the answer's timing does not tell which usernames exist.
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

/** The password policy (shared isStrongPassword): 400 errors.weak_password naming the field. */
export function assertStrongPassword(password: string, field: string): void {
  if (isStrongPassword(password)) return;
  throw invalid(
    [
      {
        field,
        code: 'weak_password',
        message: `${message('errors.weak_password', 'zh-CN')} / ${message('errors.weak_password', 'en-US')}`,
      },
    ],
    'errors.weak_password',
  );
}
