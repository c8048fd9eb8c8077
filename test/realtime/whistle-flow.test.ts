import { type BoardEvent, EVENT_SCHEMAS, type EventType } from '@gridboard/shared';
import { Clock } from '@gridboard/server/command/clock';
import { DepartmentEntity } from '@gridboard/server/geo/department.entity';
import { Scheduler } from '@gridboard/server/scheduler/scheduler';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { REDIS_URL } from '../support/env';
import { createStreet, createUser, type StreetFixture, type TestUser } from '../support/factories';
import { api, newIncident } from '../support/incidents';
import { unmaskedPii } from '../support/pii';
import { BoardClient } from '../support/socket';

const MIN = 60_000;

/**
 * 吹哨报到 end to end through real socket.io clients, on two server instances sharing one database
 * and one Redis (the production shape): the grid leader on one instance, the departments and the
 * leader on duty on the other. Each sees, live, exactly what it should.
 */
describe('a whistle, live, for a grid leader and two departments', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let s: StreetFixture;
  let police: DepartmentEntity;
  const users = {} as Record<'gridLeader' | 'gridWorker' | 'fire' | 'water' | 'police' | 'leader', TestUser>;
  const clients = {} as Record<keyof typeof users, BoardClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { REDIS_URL, REDIS_NAMESPACE: `whistleflow${Date.now().toString(36)}` };
    a = await startApp(env, db);
    b = await startApp(env, db);
    s = await createStreet(a, 'RTW');
    police = await a.app.get(DataSource).manager.save(DepartmentEntity, {
      streetId: s.street.id,
      code: 'RTW-police',
      name: '派出所',
      kind: 'police',
      dutyPhone: null,
    });
    const grids = { kind: 'grids' as const, streetId: s.street.id, gridIds: [s.grids[0]!.id] };
    const dept = (d: { id: string }) => ({ kind: 'department' as const, streetId: s.street.id, departmentId: d.id });
    users.gridLeader = await createUser(a, 'rtw-gl', 'grid_leader', grids);
    users.gridWorker = await createUser(a, 'rtw-gw', 'grid_worker', grids);
    users.fire = await createUser(a, 'rtw-fire', 'dept_staff', dept(s.departments[0]!));
    users.water = await createUser(a, 'rtw-water', 'dept_staff', dept(s.departments[1]!));
    users.police = await createUser(a, 'rtw-police', 'dept_staff', dept(police));
    users.leader = await createUser(a, 'rtw-leader', 'leader', { kind: 'street', streetId: s.street.id });
    for (const k of Object.keys(users) as (keyof typeof users)[]) {
      clients[k] = new BoardClient(k === 'gridLeader' ? a.url : b.url, users[k].token);
      await clients[k].connected();
    }
  });
  afterAll(async () => {
    Object.values(clients).forEach((c) => c.close());
    await a.close();
    await b.close();
    await db.drop();
  });

  const of = (c: BoardClient, type: EventType) => c.events.filter((e) => e.type === type);
  const whistleEvents = (c: BoardClient, id: string) =>
    c.events.filter(
      (e) => e.type.startsWith('whistle.') && (e.payload as { whistle: { id: string } }).whistle.id === id,
    );
  const lastWhistle = (c: BoardClient, id: string) =>
    (
      whistleEvents(c, id).at(-1)!.payload as {
        whistle: {
          state: string;
          level: number;
          summons: { departmentId: string; state: string; id: string; version: number }[];
        };
      }
    ).whistle;

  async function summons(u: TestUser, whistleId: string, departmentId: string, action: string, body: object = {}) {
    const w = (await api(b, users.leader).get(`/api/whistles/${whistleId}`)).body;
    const sm = w.summons.find((x: { departmentId: string }) => x.departmentId === departmentId);
    const r = await api(b, u).post(`/api/whistles/${whistleId}/summons/${sm.id}/actions/${action}`, {
      version: sm.version,
      ...body,
    });
    expect([action, r.status, r.body.code]).toEqual([action, 200, undefined]);
  }

  it('streams the whole whistle to those concerned, and nothing to the department never summoned', async () => {
    const c = clients;
    // A grid worker reports on the phone; the grid leader sees it arrive, the departments do not.
    const incident = (
      await api(b, users.gridWorker).post('/api/incidents', newIncident(s, { category: 'fire', title: '消防通道被占' }))
    ).body.incident;
    await c.gridLeader.waitFor((ev) => ev.some((e) => e.type === 'incident.created'));
    expect(of(c.fire, 'incident.created')).toEqual([]);

    // The grid leader blows the whistle on it, summoning fire; fire sees it live, water does not.
    const blown = await api(a, users.gridLeader).post('/api/whistles', {
      incidentId: incident.id,
      reason: '通道堵塞，网格无法处置',
      departments: [{ departmentId: s.departments[0]!.id, reportWithinMinutes: 20 }],
    });
    expect(blown.status).toBe(201);
    const id = blown.body.whistle.id;
    for (const k of ['gridLeader', 'fire', 'leader'] as const) {
      await c[k].waitFor(() => of(c[k], 'whistle.blown').length === 1);
    }
    expect(whistleEvents(c.water, id)).toEqual([]);

    // 签收 by fire reaches the grid leader on the other instance.
    await summons(users.fire, id, s.departments[0]!.id, 'acknowledge');
    await c.gridLeader.waitFor(() => lastWhistle(c.gridLeader, id).summons[0]!.state === 'acknowledged');

    // Raised a level: water is summoned now and starts receiving; fire is not summoned again.
    const w = (await api(a, users.gridLeader).get(`/api/whistles/${id}`)).body;
    const raised = await api(a, users.gridLeader).post(`/api/whistles/${id}/actions/raise`, {
      version: w.version,
      reason: '需水务协助排查管道',
      departments: [{ departmentId: s.departments[0]!.id }, { departmentId: s.departments[1]!.id }],
    });
    expect(raised.status).toBe(200);
    await c.water.waitFor(() => whistleEvents(c.water, id).length === 1);
    expect(lastWhistle(c.water, id)).toMatchObject({ level: 2 });
    expect(lastWhistle(c.water, id).summons.map((x) => [x.departmentId, x.state])).toEqual([
      [s.departments[0]!.id, 'acknowledged'],
      [s.departments[1]!.id, 'summoned'],
    ]);

    // Fire reports for duty in time; water misses its 30 minutes: the leader on duty is alarmed, once.
    await summons(users.fire, id, s.departments[0]!.id, 'arrive', { lat: 30.505, lng: 114.305 });
    for (const app of [a, b]) app.app.get(Clock).advance(31 * MIN);
    await Promise.all([a.app.get(Scheduler).tick(), b.app.get(Scheduler).tick()]);
    await a.app.get(Scheduler).tick();
    await c.leader.waitFor(() => of(c.leader, 'whistle.summons_overdue').length === 1);
    const alarm = of(c.leader, 'whistle.summons_overdue')[0]!.payload as { departmentId: string; escalatedTo: string };
    expect(alarm).toMatchObject({ departmentId: s.departments[1]!.id, escalatedTo: 'leader_on_duty' });
    await c.gridLeader.waitFor(() => of(c.gridLeader, 'whistle.summons_overdue').length === 1);

    // Both report; the grid leader confirms; everyone concerned sees it closed.
    await summons(users.fire, id, s.departments[0]!.id, 'report', { result: '已清理通道' });
    await summons(users.water, id, s.departments[1]!.id, 'arrive');
    await summons(users.water, id, s.departments[1]!.id, 'report', { result: '管道无渗漏', resolved: true });
    const current = (await api(a, users.gridLeader).get(`/api/whistles/${id}`)).body;
    const confirmed = await api(a, users.gridLeader).post(`/api/whistles/${id}/actions/confirm`, {
      version: current.version,
    });
    expect(confirmed.status).toBe(200);
    for (const k of ['gridLeader', 'fire', 'water', 'leader'] as const) {
      await c[k].waitFor(() => lastWhistle(c[k], id)?.state === 'closed');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(of(c.leader, 'whistle.summons_overdue')).toHaveLength(1);
    // Every client saw the steps in commit order, each event once.
    for (const k of ['gridLeader', 'fire', 'water', 'leader'] as const) {
      const seqs = c[k].events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    expect(whistleEvents(c.gridLeader, id).map((e) => (e.payload as { step: { action: string } }).step.action)).toEqual(
      ['blow', 'acknowledge', 'raise', 'arrive', 'summons_overdue', 'report', 'arrive', 'report', 'confirm'],
    );
    // The police were never summoned: not one whistle or incident event reached them.
    expect(c.police.events.filter((e) => e.type.startsWith('whistle.') || e.type.startsWith('incident.'))).toEqual([]);
  });

  it('sends only payloads that match the shared event schemas, with personal data masked', () => {
    const all: BoardEvent[] = Object.values(clients).flatMap((c) => c.events);
    expect(all.length).toBeGreaterThan(10);
    for (const e of all) {
      const schema = EVENT_SCHEMAS[e.type];
      expect([e.type, schema.safeParse(e.payload).success]).toEqual([e.type, true]);
    }
    expect(unmaskedPii(all)).toEqual([]);
  });

  it('checks presence on a whistle against who may see it', async () => {
    const id = lastWhistleId(clients.fire)!;
    const ok = await clients.fire.send('presence.set', { itemType: 'whistle', itemId: id, mode: 'viewing' });
    expect(ok.ok).toBe(true);
    const denied = await clients.police.send('presence.set', { itemType: 'whistle', itemId: id, mode: 'viewing' });
    expect(denied).toMatchObject({ ok: false, code: 'errors.not_found' });
    const inc = (
      clients.gridLeader.events.find((e) => e.type === 'incident.created')!.payload as { incident: { id: string } }
    ).incident.id;
    expect(
      (await clients.gridLeader.send('presence.set', { itemType: 'incident', itemId: inc, mode: 'editing' })).ok,
    ).toBe(true);
    expect((await clients.police.send('presence.set', { itemType: 'incident', itemId: inc, mode: 'viewing' })).ok).toBe(
      false,
    );
  });
});

function lastWhistleId(c: BoardClient): string | undefined {
  const e = c.events.filter((x) => x.type.startsWith('whistle.')).at(-1);
  return (e?.payload as { whistle: { id: string } } | undefined)?.whistle.id;
}
