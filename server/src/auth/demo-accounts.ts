import type { Role, Scope } from '@gridboard/shared';
import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { SYSTEM_ACTOR } from './actor';
import { hashPassword, verifyPassword } from './passwords';
import { UserEntity } from './user.entity';
import { streetOf } from './user.repository';

/** The one documented demo password (README, docs/SECURITY.md). Production refuses to start while it works. */
export const DEMO_PASSWORD = 'Demo@2026';

/** The demo street's units, in order (community 1 first, grid 1 first), departments by code. */
export interface DemoStreet {
  streetId: string;
  communityIds: string[];
  gridIds: string[];
  /** Must include `fire` and `water`. */
  departmentIds: Record<string, string>;
}

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: (d: DemoStreet) => Scope;
  phone: string;
}

const street = (d: DemoStreet): Scope => ({ kind: 'street', streetId: d.streetId });
const grid =
  (i: number) =>
  (d: DemoStreet): Scope => ({ kind: 'grids', streetId: d.streetId, gridIds: [d.gridIds[i]!] });
const dept =
  (code: string) =>
  (d: DemoStreet): Scope => ({
    kind: 'department',
    streetId: d.streetId,
    departmentId: d.departmentIds[code]!,
  });

/** One account per role (DOMAIN.md "Who uses it"). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    scope: () => ({ kind: 'district' }),
    phone: '13900000001',
  },
  { username: 'leader', displayName: '王建国', role: 'leader', scope: street, phone: '13900000002' },
  { username: 'duty1', displayName: '李明', role: 'duty_officer', scope: street, phone: '13900000003' },
  { username: 'duty2', displayName: '张丽', role: 'duty_officer', scope: street, phone: '13900000004' },
  {
    username: 'community1',
    displayName: '刘芳',
    role: 'community_staff',
    scope: (d) => ({ kind: 'communities', streetId: d.streetId, communityIds: [d.communityIds[0]!] }),
    phone: '13900000005',
  },
  { username: 'grid01', displayName: '陈刚', role: 'grid_leader', scope: grid(0), phone: '13900000006' },
  { username: 'grid02', displayName: '赵磊', role: 'grid_leader', scope: grid(1), phone: '13900000007' },
  { username: 'worker01', displayName: '孙晓燕', role: 'grid_worker', scope: grid(0), phone: '13900000008' },
  { username: 'dept-fire', displayName: '周勇（消防）', role: 'dept_staff', scope: dept('fire'), phone: '13900000009' },
  {
    username: 'dept-water',
    displayName: '吴涛（水务）',
    role: 'dept_staff',
    scope: dept('water'),
    phone: '13900000010',
  },
  { username: 'drill1', displayName: '郑华', role: 'drill_coordinator', scope: street, phone: '13900000011' },
  { username: 'screen', displayName: '值班大屏', role: 'display', scope: street, phone: '13900000012' },
];

/**
 * Creates the demo accounts that do not exist yet (by username), all with DEMO_PASSWORD, and audits
 * each creation. Safe to run again: existing accounts, and any password changed since, are kept.
 * Returns the usernames it created.
 */
export async function seedDemoAccounts(manager: EntityManager, demo: DemoStreet): Promise<string[]> {
  const missing = [
    ...(demo.communityIds.length < 1 ? ['communityIds[0]'] : []),
    ...(demo.gridIds.length < 2 ? ['gridIds[0..1]'] : []),
    ...['fire', 'water'].filter((c) => !demo.departmentIds[c]).map((c) => `departmentIds.${c}`),
  ];
  if (missing.length) throw new Error(`seedDemoAccounts: the demo street lacks ${missing.join(', ')}`);
  // One hash for all: the password is public anyway, and start-up stays fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = DEMO_ACCOUNTS.map((a) => {
    const scope = a.scope(demo);
    return {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      scope,
      streetId: streetOf(scope),
      phone: a.phone,
      passwordHash,
      // Not set through the policy-checked API: the production start checks these (demo-password.check.ts).
      passwordSetAt: null,
      mustChangePassword: false,
    };
  });
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(UserEntity)
    .values(rows)
    .orIgnore()
    .returning(['id', 'username', 'streetId'])
    .execute();
  const created = result.raw as { id: string; username: string; street_id: string | null }[];
  if (created.length) {
    await manager.insert(
      AuditLogEntity,
      created.map((u) => ({
        actorId: null,
        actorName: SYSTEM_ACTOR.username,
        actorRole: SYSTEM_ACTOR.role,
        action: 'user.create',
        objectType: 'user',
        objectId: u.id,
        result: 'ok',
        detail: { seed: 'demo', username: u.username },
        streetId: u.street_id,
      })),
    );
  }
  return created.map((u) => u.username);
}

/** Usernames of enabled accounts whose password is the demo password (only seeded/imported ones can be). */
export async function usersWithDemoPassword(
  accounts: readonly Pick<UserEntity, 'username' | 'passwordHash'>[],
): Promise<string[]> {
  const hits = await Promise.all(
    accounts.map(async (a) => ((await verifyPassword(a.passwordHash, DEMO_PASSWORD)) ? a.username : null)),
  );
  return hits.filter((u): u is string => u !== null);
}
