import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  console.log(
    `Gridboard 网格值守台 listening on http://localhost:${config.port} (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  void app;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
