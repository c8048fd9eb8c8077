/**
 * A real server instance in its own process, for the scale-out and loss tests (test/support/instances.ts).
 * It is main.ts plus two observation points the tests need: a scheduler job that reports each tick on
 * stdout (to see which instance leads), and a `grid` presence item type when no domain module has
 * registered one (presence is checked against the grid's jurisdiction, like any domain item).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '@gridboard/server/app';
import { loadConfig } from '@gridboard/server/config/config';
import { Db } from '@gridboard/server/db/db';
import { ItemLocator } from '@gridboard/server/realtime/item-presence.registry';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { registerGridItem } from './presence-items';

async function main(): Promise<void> {
  const app = await createApp(loadConfig());
  const name = process.env.INSTANCE_NAME ?? 'server';
  app.get(Scheduler).register('probe', async (now) => {
    process.stdout.write(`tick ${name} ${now.getTime()}\n`);
  });
  registerGridItem(app.get(ItemLocator), app.get(Db));
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`ready ${name} ${port}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
