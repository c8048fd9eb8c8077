/**
 * `pnpm bench <name>`: runs test/bench/<name>.ts. Each benchmark stops by itself and writes its
 * figures into docs/PERFORMANCE.md.
 */
import * as board from './board';
import * as realtime from './realtime';

const BENCHES: Record<string, { main(args: string[]): Promise<void> }> = { realtime, board };

async function run(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    console.error(`usage: pnpm bench <${Object.keys(BENCHES).join('|')}>`);
    process.exit(2);
  }
  await bench.main(args);
}

run().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
