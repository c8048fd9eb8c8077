import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Jurisdiction } from '@gridboard/shared';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { startApp, type TestApp } from '../support/app';
import { emitIn, gridJ } from '../support/events';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { ReplicaClient } from '../support/replica';

/** Runs fixtures/commit-then-die.ts: it commits through Commands and freezes before notifying; we SIGKILL it. */
async function commitAndCrash(t: TestApp, j: Jurisdiction, mark: string): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'realtime/fixtures/commit-then-die.ts'], {
    cwd: join(__dirname, '..'),
    env: { PATH: process.env.PATH, DATABASE_URL: t.db.url!, JURISDICTION: JSON.stringify(j), MARK: mark },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'committed') resolve();
    });
    void exited.then(() => reject(new Error('the writer exited before committing')));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

const marks = (c: ReplicaClient) => c.applied.map((e) => (e.payload as { data: { mark?: string; n?: number } }).data);

describe('a writer killed between commit and publish loses nothing', () => {
  let t: TestApp;
  let s: StreetFixture;
  const clients: ReplicaClient[] = [];

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'CR');
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('reaches connected clients through the relay and reconnecting clients through replay', async () => {
    const officer = await createUser(t, 'cr-duty', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const head = await t.app.get(EventLogRepository).head();
    const live = new ReplicaClient(t.url, officer.token, head);
    const away = new ReplicaClient(t.url, officer.token, head);
    clients.push(live, away);
    await Promise.all([live.whenSynced(), away.whenSynced()]);
    away.socket.disconnect(); // offline while it all happens

    // 1: nothing else is written; the relay's head poll notices the unpublished commit.
    await commitAndCrash(t, gridJ(s, 0), 'crashed-1');
    expect(await t.app.get(EventLogRepository).head()).toBe(head + 1);
    await live.caughtUp(head + 1, 10_000);

    // 2: a normal write follows at once; its notice makes the relay read both.
    await commitAndCrash(t, gridJ(s, 1), 'crashed-2');
    await emitIn(t, gridJ(s, 2), { n: 3 });
    await live.caughtUp(head + 3, 10_000);
    expect(marks(live)).toEqual([{ mark: 'crashed-1' }, { mark: 'crashed-2' }, { n: 3 }]);
    expect(live.applied.map((e) => e.seq)).toEqual([head + 1, head + 2, head + 3]);

    away.socket.connect();
    await away.caughtUp(head + 3);
    expect(marks(away)).toEqual(marks(live));
    expect([live.dropped, live.outOfOrder, away.dropped, away.outOfOrder]).toEqual([0, 0, 0, 0]);
  });
});
