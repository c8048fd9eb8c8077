import { DataSource } from 'typeorm';
import { LOGIN_THROTTLE } from '@gridboard/server/auth/login-throttle.rules';
import { startApp, type TestApp } from '../support/app';
import { ageLoginCounters, auditRows, httpFrom } from '../support/auth';
import { createStreet, createUser, type StreetFixture, TEST_PASSWORD } from '../support/factories';

/**
 * Failed-login throttling (docs/SECURITY.md). Different client addresses are real: connections leave
 * from different loopback addresses (127.0.0.0/8). Elapsed time is simulated by moving the counters'
 * last-failure times back, since the throttle reads the database clock.
 */
describe('login throttling and lockout', () => {
  let t: TestApp;
  let s: StreetFixture;

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'T1');
  });
  afterAll(() => t.close());

  const user = (name: string) =>
    createUser(t, name, 'grid_worker', { kind: 'grids', streetId: s.street.id, gridIds: [s.grids[0]!.id] });
  const attempt = (from: string, username: string, password: string, app: TestApp = t) =>
    httpFrom(app.url, from).post('/api/auth/login', { username, password });

  it('slows one address guessing one account, then locks that pair, while the real user logs in from elsewhere', async () => {
    await user('victim1');
    const attacker = '127.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.pair.free + 1; i++)
      statuses.push((await attempt(attacker, 'victim1', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);

    // Each further failure must wait 1, 2, 4 … s after the previous one (the wait is simulated).
    for (let failures = LOGIN_THROTTLE.pair.free + 2; failures <= LOGIN_THROTTLE.pair.lockAt; failures++) {
      await ageLoginCounters(t, LOGIN_THROTTLE.maxDelaySeconds);
      expect((await attempt(attacker, 'victim1', `guess-${failures}`)).status).toBe(401);
      if (failures === 6) {
        // Straight after the 6th failure: 4 s to wait.
        const slowed = await attempt(attacker, 'victim1', 'too-soon');
        expect(slowed.status).toBe(429);
        expect(slowed.body).toMatchObject({ code: 'errors.account_locked' });
        expect(slowed.body.retryAfter).toBeGreaterThanOrEqual(1);
        expect(slowed.body.retryAfter).toBeLessThanOrEqual(4);
        expect(slowed.headers.get('retry-after')).toBe(String(slowed.body.retryAfter));
      }
    }
    await ageLoginCounters(t, LOGIN_THROTTLE.maxDelaySeconds);
    const locked = await attempt(attacker, 'victim1', TEST_PASSWORD); // even the right password
    expect(locked.status).toBe(429);
    expect(locked.body.retryAfter).toBeGreaterThan(10 * 60);

    // The real user, from another address, is not locked out.
    expect((await attempt('127.0.0.3', 'victim1', TEST_PASSWORD)).status).toBe(200);
    // The attacker's other accounts are not locked either (only the pair is).
    await user('bystander1');
    expect((await attempt(attacker, 'bystander1', TEST_PASSWORD)).status).toBe(200);

    // The lock ends when the window has passed since the last counted failure.
    await ageLoginCounters(t, LOGIN_THROTTLE.windowSeconds);
    expect((await attempt(attacker, 'victim1', TEST_PASSWORD)).status).toBe(200);

    const denied = (await auditRows(t, 'auth.login')).filter(
      (r) => r.result === 'denied' && r.actor_name === 'victim1',
    );
    expect(denied.map((r) => r.detail.reason)).toEqual(['pair_delay', 'pair_lock']);
    expect(denied.every((r) => r.ip === attacker)).toBe(true);
  });

  it('counts a parallel burst before checking passwords, so it cannot outrun the counters', async () => {
    await user('victim2');
    // One failure short of the pair lock, the last one long enough ago that no delay applies: exactly
    // one attempt of a burst may still be heard, however the requests interleave.
    await t.app
      .get(DataSource)
      .query(
        `INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ('p:127.0.0.4|victim2', $1, now() - interval '2 minutes')`,
        [LOGIN_THROTTLE.pair.lockAt - 1],
      );
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt('127.0.0.4', 'victim2', `burst-${i}`)),
    );
    expect(burst.filter((r) => r.status === 401)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(11);
  });

  it('under attack from many addresses, hears only clean addresses: the real user still gets in', async () => {
    await user('victim3');
    for (let i = 1; i <= LOGIN_THROTTLE.account.lockAt; i++) {
      expect((await attempt(`127.0.1.${i}`, 'victim3', `spray-${i}`)).status).toBe(401);
    }
    // An address that already failed on this account is no longer heard, not even with the right password …
    const dirty = await attempt('127.0.1.1', 'victim3', TEST_PASSWORD);
    expect(dirty.status).toBe(429);
    expect(dirty.body.code).toBe('errors.account_locked');
    // … but the real user at a clean address is.
    expect((await attempt('127.0.2.1', 'victim3', TEST_PASSWORD)).status).toBe(200);
    // A new attacking address gets exactly one guess.
    expect((await attempt('127.0.2.2', 'victim3', 'one-more')).status).toBe(401);
    expect((await attempt('127.0.2.2', 'victim3', 'and-another')).status).toBe(429);
    const reasons = (await auditRows(t, 'auth.login'))
      .filter((r) => r.actor_name === 'victim3' && r.result === 'denied')
      .map((r) => r.detail.reason);
    expect(reasons).toEqual(['account_lock', 'account_lock']);
  });

  it('slows and then locks one address spraying many accounts, leaving other addresses alone', async () => {
    const sprayer = '127.0.0.5';
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++) {
      expect((await attempt(sprayer, `ghost${i}`, 'Spring2026!')).status).toBe(401);
    }
    for (let n = LOGIN_THROTTLE.address.free + 1; n <= LOGIN_THROTTLE.address.free + 3; n++) {
      await ageLoginCounters(t, LOGIN_THROTTLE.maxDelaySeconds);
      expect((await attempt(sprayer, `ghost${n}`, 'Spring2026!')).status).toBe(401);
    }
    const slowed = await attempt(sprayer, 'ghost-next', 'Spring2026!');
    expect(slowed.status).toBe(429);
    expect(slowed.body.retryAfter).toBeLessThanOrEqual(4);
    await user('victim4');
    expect((await attempt('127.0.0.6', 'victim4', TEST_PASSWORD)).status).toBe(200);

    // At the lock threshold (reached here by setting the counter) the address is refused outright.
    await t.app
      .get(DataSource)
      .query(`UPDATE login_throttle SET failures = $1, last_failure_at = now() WHERE key = 'a:127.0.0.5'`, [
        LOGIN_THROTTLE.address.lockAt,
      ]);
    const locked = await attempt(sprayer, 'victim4', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.retryAfter).toBeGreaterThan(10 * 60);
    expect((await attempt('127.0.0.6', 'victim4', TEST_PASSWORD)).status).toBe(200);
  });

  it('shares the counters between instances (they live in PostgreSQL)', async () => {
    await user('victim5');
    const second = await startApp({}, t.db);
    try {
      const from = '127.0.0.7';
      for (let i = 0; i <= LOGIN_THROTTLE.pair.free; i++) {
        const app = i % 2 ? second : t;
        expect((await attempt(from, 'victim5', `guess-${i}`, app)).status).toBe(401);
      }
      expect((await attempt(from, 'victim5', 'guess-x', second)).status).toBe(429);
      expect((await attempt(from, 'victim5', 'guess-x', t)).status).toBe(429);
    } finally {
      await second.close();
    }
  });
});
