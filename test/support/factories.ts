import type { Role, Scope } from '@gridboard/shared';
import { hashPassword } from '@gridboard/server/auth/passwords';
import { AccessTokens } from '@gridboard/server/auth/tokens';
import { UserEntity } from '@gridboard/server/auth/user.entity';
import { CommunityEntity } from '@gridboard/server/geo/community.entity';
import { DepartmentEntity } from '@gridboard/server/geo/department.entity';
import { GridEntity } from '@gridboard/server/geo/grid.entity';
import { StreetEntity } from '@gridboard/server/geo/street.entity';
import { DataSource } from 'typeorm';
import type { TestApp } from './app';

export const TEST_PASSWORD = 'Test@2026pass';

/** A square as a GeoJSON polygon, [lng, lat] corners. */
export function square(lng: number, lat: number, size = 0.01) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ] as [number, number][],
    ],
  };
}

export interface StreetFixture {
  street: StreetEntity;
  communities: CommunityEntity[];
  /** grids[0], grids[1] in communities[0]; grids[2], grids[3] in communities[1] */
  grids: GridEntity[];
  departments: DepartmentEntity[];
}

/** A small street: 2 communities × 2 grids (0.01° squares side by side) and 2 departments. */
export async function createStreet(t: TestApp, code: string, originLng = 114.3): Promise<StreetFixture> {
  const m = t.app.get(DataSource).manager;
  const street = await m.save(StreetEntity, { code, name: `${code}街道`, area: null });
  const communities: CommunityEntity[] = [];
  const grids: GridEntity[] = [];
  for (let c = 0; c < 2; c++) {
    const community = await m.save(CommunityEntity, {
      streetId: street.id,
      code: `${code}-C${c + 1}`,
      name: `社区${c + 1}`,
      area: null,
    });
    communities.push(community);
    for (let g = 0; g < 2; g++) {
      const lng = originLng + (c * 2 + g) * 0.01;
      grids.push(
        await m.save(GridEntity, {
          streetId: street.id,
          communityId: community.id,
          code: `${code}-G${c * 2 + g + 1}`,
          name: `网格${c * 2 + g + 1}`,
          type: 'comprehensive',
          area: square(lng, 30.5),
          minLng: lng,
          minLat: 30.5,
          maxLng: lng + 0.01,
          maxLat: 30.51,
          households: 0,
          leaderName: null,
          leaderPhone: null,
        }),
      );
    }
  }
  const departments = [
    await m.save(DepartmentEntity, {
      streetId: street.id,
      code: `${code}-fire`,
      name: '消防',
      kind: 'fire',
      dutyPhone: null,
    }),
    await m.save(DepartmentEntity, {
      streetId: street.id,
      code: `${code}-water`,
      name: '水务',
      kind: 'water',
      dutyPhone: null,
    }),
  ];
  return { street, communities, grids, departments };
}

export interface TestUser {
  user: UserEntity;
  token: string;
}

let hashed: Promise<string> | undefined;

/** A user with a signed access token (same signing as login). */
export async function createUser(t: TestApp, username: string, role: Role, scope: Scope): Promise<TestUser> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const m = t.app.get(DataSource).manager;
  const user = await m.save(UserEntity, {
    username,
    displayName: username,
    role,
    scope,
    streetId: scope.kind === 'district' ? null : scope.streetId,
    phone: null,
    passwordHash: await hashed,
    disabled: false,
    tokenGeneration: 1,
  });
  const token = t.app.get(AccessTokens).sign({ sub: user.id, gen: user.tokenGeneration });
  return { user, token };
}
