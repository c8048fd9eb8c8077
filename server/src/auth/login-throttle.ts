import { Injectable } from '@nestjs/common';
import { Commands } from '../command/commands';
import type { Actor } from './actor';
import { LoginThrottleRepository } from './login-throttle.repository';
import { type Refusal, refusal } from './login-throttle.rules';

/** The counters one attempt touches. */
export interface AttemptKeys {
  pair: string;
  address: string;
  account: string;
}

export function attemptKeys(username: string, ip: string | null): AttemptKeys {
  const address = ip ?? 'unknown';
  const account = username.trim().toLowerCase();
  return { pair: `p:${address}|${account}`, address: `a:${address}`, account: `u:${account}` };
}

/**
 * Failed-login throttling shared by every instance (the counters live in Postgres). An attempt is
 * counted as a failure *before* its password is checked and forgiven if it was right, so a burst of
 * parallel guesses cannot slip past the counters while the slow password hash runs.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly commands: Commands,
  ) {}

  /** Refuses the attempt (counting nothing), or counts it as a failure until `forgive`. */
  admit(actor: Actor, keys: AttemptKeys): Promise<Refusal | null> {
    return this.commands.run(actor, async () => {
      const all = [keys.pair, keys.address, keys.account];
      const { counters, now } = await this.repo.lock(all);
      const none = { failures: 0, lastFailureAt: null };
      const refused = refusal(
        {
          pair: counters.get(keys.pair) ?? none,
          address: counters.get(keys.address) ?? none,
          account: counters.get(keys.account) ?? none,
        },
        now,
      );
      if (!refused) await this.repo.countFailure(all);
      return refused;
    });
  }

  /** The password was right: this address is clean again for this account. Call inside the login's command. */
  forgive(keys: AttemptKeys): Promise<void> {
    return this.repo.forgive([keys.pair], [keys.address, keys.account]);
  }
}
