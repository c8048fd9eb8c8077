import { QueryFailedError } from 'typeorm';

/** SQLSTATE codes the services answer (PostgreSQL and PGlite report the same). */
export const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a failed statement, or undefined for any other error. */
export function sqlState(e: unknown): string | undefined {
  return e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined;
}

export const isUniqueViolation = (e: unknown): boolean => sqlState(e) === UNIQUE_VIOLATION;
