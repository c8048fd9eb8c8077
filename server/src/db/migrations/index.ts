import { Initial1795374983443 } from './1795374983443-Initial';
import { GeoRegistry1795375964326 } from './1795375964326-GeoRegistry';
import { AuthSessions1795376357299 } from './1795376357299-AuthSessions';
import { Incidents1795376642267 } from './1795376642267-Incidents';
import { Whistles1795376887391 } from './1795376887391-Whistles';
import { EventSeqAtCommit1795378084971 } from './1795378084971-EventSeqAtCommit';
import { Flood1795381124294 } from './1795381124294-Flood';
import { Inspections1795381300936 } from './1795381300936-Inspections';
import { AlarmAck1795387524131 } from './1795387524131-AlarmAck';
import { EventSeqFromSequence1795390000000 } from './1795390000000-EventSeqFromSequence';
import { IncidentClientId1795400000000 } from './1795400000000-IncidentClientId';
import { FloodStepClientId1795511526145 } from './1795511526145-FloodStepClientId';

/** Every migration in order. `pnpm --filter @gridboard/server exec node -r @swc-node/register src/db/cli.ts generate Name` writes new ones. */
export const MIGRATIONS = [
  Initial1795374983443,
  GeoRegistry1795375964326,
  AuthSessions1795376357299,
  Incidents1795376642267,
  Whistles1795376887391,
  EventSeqAtCommit1795378084971,
  Flood1795381124294,
  Inspections1795381300936,
  AlarmAck1795387524131,
  EventSeqFromSequence1795390000000,
  IncidentClientId1795400000000,
  FloodStepClientId1795511526145,
];
