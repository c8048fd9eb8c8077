import type { DataSource } from 'typeorm';
import { CommunityEntity } from '@gridboard/server/geo/community.entity';
import { GridEntity } from '@gridboard/server/geo/grid.entity';
import { StreetEntity } from '@gridboard/server/geo/street.entity';
import { square } from '../support/factories';

export interface District {
  streets: { id: string; code: string; grids: { id: string; communityId: string }[] }[];
}

const COMMUNITIES = 8;
const GRIDS_PER_COMMUNITY = 4;

/** The benchmark district: `streets` streets of 8 communities × 4 grids, side by side. */
export async function seedDistrict(ds: DataSource, streets: number): Promise<District> {
  const m = ds.manager;
  const out: District = { streets: [] };
  for (let s = 0; s < streets; s++) {
    const code = `B${String(s + 1).padStart(2, '0')}`;
    const street = await m.save(StreetEntity, { code, name: `压测${s + 1}街道`, area: null });
    const communities = await m.save(
      CommunityEntity,
      Array.from({ length: COMMUNITIES }, (_, c) => ({
        streetId: street.id,
        code: `${code}-C${c + 1}`,
        name: `社区${c + 1}`,
        area: null,
      })),
    );
    const grids = await m.save(
      GridEntity,
      communities.flatMap((community, c) =>
        Array.from({ length: GRIDS_PER_COMMUNITY }, (_, g) => {
          const lng = 114 + s * 0.4 + (c * GRIDS_PER_COMMUNITY + g) * 0.01;
          return {
            streetId: street.id,
            communityId: community.id,
            code: `${code}-G${c * GRIDS_PER_COMMUNITY + g + 1}`,
            name: `网格${c * GRIDS_PER_COMMUNITY + g + 1}`,
            type: 'comprehensive',
            area: square(lng, 30.5),
            minLng: lng,
            minLat: 30.5,
            maxLng: lng + 0.01,
            maxLat: 30.51,
            households: 0,
            leaderName: null,
            leaderPhone: null,
          };
        }),
      ),
    );
    out.streets.push({ id: street.id, code, grids: grids.map((g) => ({ id: g.id, communityId: g.communityId })) });
  }
  return out;
}
