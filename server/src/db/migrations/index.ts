import { Initial1795374983443 } from './1795374983443-Initial';
import { GeoRegistry1795375964326 } from './1795375964326-GeoRegistry';
import { EventSeqAtCommit1795378084971 } from './1795378084971-EventSeqAtCommit';

/** Every migration in order. `pnpm --filter @gridboard/server exec node -r @swc-node/register src/db/cli.ts generate Name` writes new ones. */
export const MIGRATIONS = [Initial1795374983443, GeoRegistry1795375964326, EventSeqAtCommit1795378084971];
