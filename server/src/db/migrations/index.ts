import { Initial1795374983443 } from './1795374983443-Initial';
import { EventSeqAtCommit1795378084971 } from './1795378084971-EventSeqAtCommit';

/** Every migration in order. `pnpm --filter @gridboard/server exec node -r @swc-node/register src/db/cli.ts generate Name` writes new ones. */
export const MIGRATIONS = [Initial1795374983443, EventSeqAtCommit1795378084971];
