/**
 * Failed-login throttling, as data and one pure decision (documented in docs/SECURITY.md).
 *
 * Three counters, each forgotten 15 minutes after its last failure:
 * - the pair (address + account): slows and then locks the one attacker guessing one account;
 * - the address: slows and then locks an address spraying many accounts;
 * - the account: when it is under attack from many addresses, only *clean* addresses (no failure
 *   against this account in the window) are still heard.
 * A lock therefore never reaches the real user at a clean address: an attacker cannot lock anyone out
 * but itself.
 */
export const LOGIN_THROTTLE = {
  windowSeconds: 15 * 60,
  /** Failures of one address on one account: free, then 1, 2, 4 … s apart, locked from `lockAt`. */
  pair: { free: 3, lockAt: 10 },
  /** Failures of one address on any account. */
  address: { free: 20, lockAt: 100 },
  /** Failures on one account from anywhere: past this only clean addresses are heard. */
  account: { lockAt: 50 },
  maxDelaySeconds: 60,
} as const;

export interface Counter {
  failures: number;
  lastFailureAt: Date | null;
}

export interface Counters {
  pair: Counter;
  address: Counter;
  account: Counter;
}

export type RefusalReason = 'pair_delay' | 'pair_lock' | 'address_delay' | 'address_lock' | 'account_lock';
export interface Refusal {
  reason: RefusalReason;
  /** Whole seconds until an attempt would be heard again (at least 1). */
  retryAfter: number;
}

/** Failures that still count: none once the last one is older than the window. */
export function liveFailures(c: Counter, now: Date): number {
  if (!c.lastFailureAt || now.getTime() - c.lastFailureAt.getTime() >= LOGIN_THROTTLE.windowSeconds * 1000) return 0;
  return c.failures;
}

/** The wait after `failures` failures when the first `free` are free: 1, 2, 4 … s, capped. */
export function delaySeconds(failures: number, free: number): number {
  return failures <= free ? 0 : Math.min(2 ** (failures - free - 1), LOGIN_THROTTLE.maxDelaySeconds);
}

/** Whether an attempt is refused before its password is even checked, and for how long. */
export function refusal(c: Counters, now: Date): Refusal | null {
  const t = LOGIN_THROTTLE;
  const secondsLeft = (counter: Counter, seconds: number): number =>
    Math.ceil((counter.lastFailureAt!.getTime() + seconds * 1000 - now.getTime()) / 1000);
  const refuse = (reason: RefusalReason, counter: Counter, seconds: number): Refusal | null => {
    const left = secondsLeft(counter, seconds);
    return left > 0 ? { reason, retryAfter: left } : null;
  };
  const address = liveFailures(c.address, now);
  const pair = liveFailures(c.pair, now);
  const account = liveFailures(c.account, now);
  return (
    (address >= t.address.lockAt ? refuse('address_lock', c.address, t.windowSeconds) : null) ??
    (pair >= t.pair.lockAt ? refuse('pair_lock', c.pair, t.windowSeconds) : null) ??
    (account >= t.account.lockAt && pair > 0 ? refuse('account_lock', c.account, t.windowSeconds) : null) ??
    (pair > t.pair.free ? refuse('pair_delay', c.pair, delaySeconds(pair, t.pair.free)) : null) ??
    (address > t.address.free ? refuse('address_delay', c.address, delaySeconds(address, t.address.free)) : null)
  );
}
