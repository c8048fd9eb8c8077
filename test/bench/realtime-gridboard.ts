/** The real server as a benchmark target: main.ts plus the stats channel (target-stats.ts). */
import type { AddressInfo } from 'node:net';
import { createApp } from '@gridboard/server/app';
import { loadConfig } from '@gridboard/server/config/config';
import { serveStats } from './target-stats';

async function main(): Promise<void> {
  const app = await createApp(loadConfig());
  serveStats(app.getHttpServer());
  process.on('message', (m: { cmd?: string }) => {
    if (m.cmd === 'exit') void app.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0)); // never outlive the orchestrator
  process.send!({ ready: (app.getHttpServer().address() as AddressInfo).port });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
