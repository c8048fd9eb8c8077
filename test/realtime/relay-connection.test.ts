import { DataSource } from 'typeorm';
import { AuditRepository } from '@gridboard/server/audit/audit.repository';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import { createDataSource } from '@gridboard/server/db/data-source';
import { Db } from '@gridboard/server/db/db';
import { EVENT_BUS, type EventBus } from '@gridboard/server/realtime/event-bus';
import { EventLogRepository } from '@gridboard/server/realtime/event-log.repository';
import { startApp, type TestApp } from '../support/app';
import { gridJ, TEST_ITEM_ID } from '../support/events';
import { createStreet, createUser } from '../support/factories';
import { ReplicaClient } from '../support/replica';

const silentBus: EventBus = { notify() {}, subscribe() {}, close: async () => undefined };

// PostgreSQL only: PGlite has one connection, and the relay shares it.
describe('the relay under a burst that takes every pooled connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ DATABASE_POOL_SIZE: '2' });
  });
  afterAll(() => t.close());

  it('delivers what has committed without waiting for a pooled connection', async () => {
    const s = await createStreet(t, 'RB');
    const officer = await createUser(t, 'duty-burst', 'duty_officer', { kind: 'street', streetId: s.street.id });
    const head = await t.app.get(EventLogRepository).head();
    const live = new ReplicaClient(t.url, officer.token, head);
    await live.whenSynced();

    // Another instance's write: committed on its own pool, heard of by this relay only through its bus.
    const other = createDataSource({ databaseUrl: t.config.databaseUrl, dataDir: '/tmp', databasePoolSize: 2 });
    await other.initialize();
    try {
      const ds = t.app.get(DataSource);
      const busy = [ds.query('SELECT pg_sleep(3)'), ds.query('SELECT pg_sleep(3)')];
      const sleeping = async () =>
        (
          (await other.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(3)' AND state = 'active'",
          )) as { n: number }[]
        )[0]!.n;
      while ((await sleeping()) < 2) await new Promise((r) => setTimeout(r, 20));

      const db = new Db(other);
      const elsewhere = new Commands(db, new AuditRepository(db), new EventLogRepository(db), silentBus);
      await elsewhere.run(SYSTEM_ACTOR, async (ctx) => {
        ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data: { n: 'burst' } }, gridJ(s, 0));
      });
      t.app.get<EventBus>(EVENT_BUS).notify();

      // With the relay on the pool, delivery waits until a sleeping connection comes back.
      const first = await Promise.race([
        live.caughtUp(head + 1).then(() => 'delivered'),
        Promise.race(busy).then(() => 'pool free'),
      ]);
      expect(first).toBe('delivered');
      expect(live.applied.map((e) => e.seq)).toEqual([head + 1]);
      await Promise.all(busy);
    } finally {
      live.close();
      await other.destroy();
    }
  });
});
