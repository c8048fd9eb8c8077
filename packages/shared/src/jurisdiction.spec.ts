import { canSee, jurisdictionRooms, scopeRooms, type Jurisdiction, type Scope } from './jurisdiction';

const S = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const C = '00000000-0000-4000-8000-00000000000c';
const G = '00000000-0000-4000-8000-00000000000a';
const G2 = '00000000-0000-4000-8000-00000000000b';
const D = '00000000-0000-4000-8000-00000000000d';
const j = (over: Partial<Jurisdiction> = {}): Jurisdiction => ({
  streetId: S,
  communityId: C,
  gridId: G,
  departmentIds: [],
  streetWide: false,
  ...over,
});

describe('jurisdiction', () => {
  const scopes: Record<string, Scope> = {
    district: { kind: 'district' },
    street: { kind: 'street', streetId: S },
    community: { kind: 'communities', streetId: S, communityIds: [C] },
    grid: { kind: 'grids', streetId: S, gridIds: [G] },
    dept: { kind: 'department', streetId: S, departmentId: D },
  };

  it.each([
    ['district', j({ streetId: S2 }), true],
    ['street', j(), true],
    ['street', j({ streetId: S2 }), false],
    ['community', j(), true],
    ['community', j({ communityId: null, gridId: null }), false],
    ['grid', j(), true],
    ['grid', j({ gridId: G2 }), false],
    ['dept', j(), false],
    ['dept', j({ departmentIds: [D] }), true],
    ['grid', j({ gridId: G2, streetWide: true }), true],
    ['grid', j({ streetId: S2, gridId: G2, streetWide: true }), false],
  ])('%s scope sees %j: %s', (scope, jur, expected) => {
    expect(canSee(scopes[scope]!, jur)).toBe(expected);
  });

  it('puts a user in a room of the event exactly when canSee allows it', () => {
    const samples = [
      j(),
      j({ gridId: G2 }),
      j({ departmentIds: [D] }),
      j({ streetId: S2 }),
      j({ gridId: G2, streetWide: true }),
    ];
    for (const scope of Object.values(scopes)) {
      for (const sample of samples) {
        const shared = scopeRooms(scope).some((r) => jurisdictionRooms(sample).includes(r));
        expect(shared).toBe(canSee(scope, sample));
      }
    }
  });
});
