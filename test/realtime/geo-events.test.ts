import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { http } from '../support/http';
import { unmaskedPii } from '../support/pii';
import { BoardClient } from '../support/socket';

// Runs on PostgreSQL. Registry writes reach, as masked geo.changed events, exactly the users who may see them.
describe('geo events on the socket', () => {
  let t: TestApp;
  let s: StreetFixture;
  let admin: TestUser;
  let leader0: TestUser;
  let leader3: TestUser;
  const clients: BoardClient[] = [];

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'EV');
    admin = await createUser(t, 'ev-admin', 'admin', { kind: 'street', streetId: s.street.id });
    leader0 = await createUser(t, 'ev-g0', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[0]!.id],
    });
    leader3 = await createUser(t, 'ev-g3', 'grid_leader', {
      kind: 'grids',
      streetId: s.street.id,
      gridIds: [s.grids[3]!.id],
    });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  async function connect(u: TestUser): Promise<BoardClient> {
    const c = new BoardClient(t.url, u.token);
    clients.push(c);
    await c.connected();
    return c;
  }

  it('sends a household change to its grid only, masked; grid changes to the whole street', async () => {
    const c0 = await connect(leader0);
    const c3 = await connect(leader3);
    const api = http(t.url, admin.token);
    const b = (await api.post('/api/geo/buildings', { name: '事件楼', floors: 5, lat: 30.505, lng: 114.305 })).body;
    const h = (
      await api.post('/api/geo/households', { buildingId: b.id, room: '101', headName: '郑大海', phone: '13722223333' })
    ).body;
    await api.patch(`/api/geo/grids/${s.grids[1]!.id}`, { version: 1, leaderName: '新网格长' });

    await c0.waitFor((ev) => ev.some((e) => e.type === 'geo.changed' && (e.payload as any).entity === 'grid'));
    await c3.waitFor((ev) => ev.some((e) => e.type === 'geo.changed' && (e.payload as any).entity === 'grid'));
    const seen = (c: BoardClient) => c.events.filter((e) => e.type === 'geo.changed').map((e) => (e.payload as any).id);
    expect(seen(c0)).toEqual([b.id, h.id, s.grids[1]!.id]);
    expect(seen(c3)).toEqual([s.grids[1]!.id]);
    const event = c0.events.find((e) => (e.payload as any).id === h.id)!;
    expect(event.payload).toMatchObject({
      entity: 'household',
      op: 'created',
      data: { headName: '郑*海', phone: '137****3333' },
    });
    expect(unmaskedPii(c0.events)).toEqual([]);
  });

  it('checks presence on grids, buildings and sites against their jurisdiction', async () => {
    const c3 = await connect(leader3);
    const b = (
      await http(t.url, admin.token).post('/api/geo/buildings', {
        name: '在场楼',
        floors: 5,
        lat: 30.505,
        lng: 114.305,
      })
    ).body;
    const own = await c3.send('presence.set', { itemType: 'grid', itemId: s.grids[3]!.id, mode: 'viewing' });
    expect(own.ok).toBe(true);
    const hidden = await c3.send('presence.set', { itemType: 'building', itemId: b.id, mode: 'viewing' });
    expect(hidden.ok).toBe(false);
  });
});
