import type { Jurisdiction } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { Commands } from '@gridboard/server/command/commands';
import type { TestApp } from './app';
import type { StreetFixture } from './factories';

export const TEST_ITEM_ID = '00000000-0000-4000-8000-000000000000';

/** The jurisdiction of grid `i` of a street fixture. */
export function gridJ(f: StreetFixture, i: number): Jurisdiction {
  return {
    streetId: f.street.id,
    communityId: f.grids[i]!.communityId,
    gridId: f.grids[i]!.id,
    departmentIds: [],
    streetWide: false,
  };
}

/** Commits one audited `geo.changed` event through the real command path. */
export function emitIn(t: TestApp, j: Jurisdiction, data: Record<string, unknown>): Promise<void> {
  return t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
    ctx.audit({ action: 'test.write', objectType: 'test', objectId: TEST_ITEM_ID, after: data });
    ctx.emit('geo.changed', { entity: 'grid', id: TEST_ITEM_ID, op: 'updated', data }, j);
  });
}
