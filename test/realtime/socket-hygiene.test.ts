import { SOCKET_MAX_PAYLOAD_BYTES, SOCKET_RATE } from '@gridboard/shared';
import { SYSTEM_ACTOR } from '@gridboard/server/auth/actor';
import { UserEntity } from '@gridboard/server/auth/user.entity';
import { Commands } from '@gridboard/server/command/commands';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from '../support/app';
import { createStreet, createUser, type StreetFixture } from '../support/factories';
import { BoardClient } from '../support/socket';

const disconnected = (c: BoardClient) =>
  new Promise<string>((resolve) => (c.socket.disconnected ? resolve('already') : c.socket.once('disconnect', resolve)));

describe('socket hygiene: limits, validation and a fresh authorization on every message', () => {
  let t: TestApp;
  let s: StreetFixture;
  const clients: BoardClient[] = [];
  let n = 0;
  const connect = async (scope?: 'grid') => {
    const u = await createUser(
      t,
      `hyg${++n}`,
      scope === 'grid' ? 'grid_worker' : 'duty_officer',
      scope === 'grid'
        ? { kind: 'grids', streetId: s.street.id, gridIds: [s.grids[0]!.id] }
        : { kind: 'street', streetId: s.street.id },
    );
    const c = new BoardClient(t.url, u.token, { autoSync: false });
    clients.push(c);
    await c.connected();
    return { c, user: u.user };
  };

  beforeAll(async () => {
    t = await startApp();
    s = await createStreet(t, 'HY');
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it(`refuses a message over ${SOCKET_MAX_PAYLOAD_BYTES} bytes with an error ack and keeps the connection`, async () => {
    const { c } = await connect();
    const big = await c.send('presence.clear', {
      itemType: 'grid',
      itemId: 'x',
      pad: 'x'.repeat(SOCKET_MAX_PAYLOAD_BYTES),
    });
    expect(big).toMatchObject({ ok: false, code: 'errors.payload_too_large' });
    const justUnder = await c.send('sync', { since: 0, pad: 'x'.repeat(SOCKET_MAX_PAYLOAD_BYTES - 100) });
    expect(justUnder.ok).toBe(true); // unknown keys are stripped; the size is what matters here
    expect(c.socket.connected).toBe(true);
  });

  it(`refuses more than ${SOCKET_RATE.messages} messages per ${SOCKET_RATE.windowMs} ms with errors.rate_limited`, async () => {
    const { c } = await connect();
    const burst = SOCKET_RATE.messages + 15;
    const acks = await Promise.all(
      Array.from({ length: burst }, () => c.send('presence.clear', { itemType: 'grid', itemId: 'x' })),
    );
    const limited = acks.filter((a) => a.code === 'errors.rate_limited');
    expect(acks.filter((a) => a.ok)).toHaveLength(SOCKET_RATE.messages);
    expect(limited).toHaveLength(15);
    expect(limited[0].message).toContain('请求过于频繁');
    await new Promise((r) => setTimeout(r, SOCKET_RATE.windowMs + 50));
    expect((await c.send('presence.clear', { itemType: 'grid', itemId: 'x' })).ok).toBe(true);
    expect(c.socket.connected).toBe(true);
  });

  it('answers an invalid message with errors.validation naming the field, and an unknown one likewise', async () => {
    const { c } = await connect();
    expect(await c.send('presence.set', { itemType: 'grid', itemId: 'x', mode: 'dancing' })).toMatchObject({
      ok: false,
      code: 'errors.validation',
      field: 'mode',
    });
    expect(await c.send('sync', { since: -1 })).toMatchObject({ ok: false, code: 'errors.validation', field: 'since' });
    expect(await c.send('sync', 'everything')).toMatchObject({ ok: false, code: 'errors.validation' });
    expect(await c.send('drop.tables', {})).toMatchObject({ ok: false, code: 'errors.validation', field: 'event' });
    expect(await c.send('presence.set', { itemType: 'nothing', itemId: 'x', mode: 'viewing' })).toMatchObject({
      ok: false,
      field: 'itemType',
    });
    expect(c.socket.connected).toBe(true);
    expect((await c.sync(0)).ok).toBe(true);
  });

  it('re-checks the user on every message: a disabled user is revoked, a rescoped one disconnected', async () => {
    const m = t.app.get(DataSource).manager;
    const disabled = await connect('grid');
    expect((await disabled.c.sync(0)).ok).toBe(true);
    const revoked = new Promise((r) => disabled.c.socket.once('revoked', r));
    const gone = disconnected(disabled.c);
    await m.update(UserEntity, disabled.user.id, { disabled: true });
    expect(await disabled.c.send('sync', { since: 0 })).toMatchObject({ ok: false, code: 'errors.token_invalid' });
    expect(await revoked).toEqual({ code: 'errors.token_invalid' });
    expect(await gone).toBe('io server disconnect');

    const rescoped = await connect('grid');
    const dropped = disconnected(rescoped.c);
    await m.update(UserEntity, rescoped.user.id, {
      scope: { kind: 'grids', streetId: s.street.id, gridIds: [s.grids[1]!.id] },
    });
    expect((await rescoped.c.send('sync', { since: 0 })).ok).toBe(false);
    expect(await dropped).toBe('io server disconnect');
  });

  it('drops every socket of a user when auth.user_changed is committed', async () => {
    const { c, user } = await connect();
    const other = await connect();
    const gone = disconnected(c);
    await t.app.get(Commands).run(SYSTEM_ACTOR, async (ctx) => {
      ctx.emit(
        'auth.user_changed',
        { userId: user.id },
        {
          streetId: s.street.id,
          communityId: null,
          gridId: null,
          departmentIds: [],
          streetWide: false,
        },
      );
    });
    expect(await gone).toBe('io server disconnect');
    expect(other.c.socket.connected).toBe(true);
  });
});
