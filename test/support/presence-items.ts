import type { Jurisdiction } from '@gridboard/shared';
import type { Db } from '@gridboard/server/db/db';
import type { ItemLocator } from '@gridboard/server/realtime/item-presence.registry';

/**
 * Presence needs an item type whose jurisdiction the policy can check. Until a domain module registers
 * one, the tests register `grid`: a grid belongs to its street, community and itself.
 */
export function registerGridItem(items: ItemLocator, db: Db): void {
  if (items.has('grid')) return;
  items.register('grid', async (id): Promise<Jurisdiction | null> => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = (await db.manager.query('SELECT street_id, community_id FROM grid WHERE id = $1', [id])) as {
      street_id: string;
      community_id: string;
    }[];
    return row
      ? { streetId: row.street_id, communityId: row.community_id, gridId: id, departmentIds: [], streetWide: false }
      : null;
  });
}
