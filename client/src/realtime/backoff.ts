/** Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with full jitter over the upper half. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Delay before attempt `attempt` (0 = first retry). The jitter spreads a whole duty room of clients
 * reconnecting after a server restart, so they do not arrive at the same instant.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = RECONNECT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
