import { type Counter, delaySeconds, LOGIN_THROTTLE, refusal } from './login-throttle.rules';

const now = new Date('2026-06-01T08:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const none: Counter = { failures: 0, lastFailureAt: null };
const c = (failures: number, secondsAgo: number): Counter => ({ failures, lastFailureAt: ago(secondsAgo) });

describe('login throttle rules', () => {
  it('lets the first failures of a pair through, then spaces attempts 1, 2, 4 … s apart', () => {
    expect(refusal({ pair: c(3, 0), address: c(3, 0), account: c(3, 0) }, now)).toBeNull();
    expect(delaySeconds(4, 3)).toBe(1);
    expect(delaySeconds(6, 3)).toBe(4);
    expect(delaySeconds(40, 3)).toBe(LOGIN_THROTTLE.maxDelaySeconds);
    expect(refusal({ pair: c(6, 1), address: c(6, 1), account: c(6, 1) }, now)).toEqual({
      reason: 'pair_delay',
      retryAfter: 3,
    });
    expect(refusal({ pair: c(6, 5), address: c(6, 5), account: c(6, 5) }, now)).toBeNull();
  });

  it('locks the pair for the window after its lock threshold, and forgets it after', () => {
    const locked = { pair: c(10, 60), address: c(10, 60), account: c(10, 60) };
    expect(refusal(locked, now)).toEqual({ reason: 'pair_lock', retryAfter: 15 * 60 - 60 });
    const later = { pair: c(10, 15 * 60), address: c(10, 15 * 60), account: c(10, 15 * 60) };
    expect(refusal(later, now)).toBeNull();
  });

  it('does not lock the same account for a clean address', () => {
    // The attacker's address is locked; the real user's address has no failure on this account.
    expect(refusal({ pair: none, address: none, account: c(10, 1) }, now)).toBeNull();
    // Even under a global account lock, a clean address is heard …
    expect(refusal({ pair: none, address: c(2, 1), account: c(500, 1) }, now)).toBeNull();
    // … but an address that already failed on it is not.
    expect(refusal({ pair: c(1, 1), address: c(1, 1), account: c(50, 1) }, now)?.reason).toBe('account_lock');
  });

  it('slows and then locks an address spraying many accounts', () => {
    expect(refusal({ pair: none, address: c(21, 0), account: none }, now)?.reason).toBe('address_delay');
    expect(refusal({ pair: none, address: c(20, 0), account: none }, now)).toBeNull();
    expect(refusal({ pair: none, address: c(100, 100), account: none }, now)).toEqual({
      reason: 'address_lock',
      retryAfter: 15 * 60 - 100,
    });
  });
});
