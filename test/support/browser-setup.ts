import { buildOnce } from './browser';

/**
 * Browser tests run against the built app, started the README's way: build it once per run here,
 * before the test files (each in its own worker) start their servers.
 */
export default function browserSetup(): void {
  buildOnce();
}
