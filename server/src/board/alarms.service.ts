import { Injectable } from '@nestjs/common';
import { type AckAlarmInput, type AlarmAck, alarmKey, type ListedAlarm } from '@gridboard/shared';
import type { Actor } from '../auth/actor';
import { Policy } from '../auth/policy.service';
import { Clock } from '../command/clock';
import { Commands } from '../command/commands';
import { notFound } from '../common/errors';
import { Db } from '../db/db';
import type { AlarmAckEntity } from './alarm-ack.entity';
import { BoardRepository } from './board.repository';

const toDto = (a: AlarmAckEntity): AlarmAck => ({
  key: a.key,
  kind: a.kind,
  itemId: a.itemId,
  byId: a.byId,
  byName: a.byName,
  at: a.at.toISOString(),
});

/**
 * Urgent events sound on every permitted screen until one person acknowledges them; the
 * acknowledgement is audited and streamed (`alarm.acknowledged`) so the other screens fall silent.
 */
@Injectable()
export class AlarmsService {
  constructor(
    private readonly repo: BoardRepository,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly commands: Commands,
    private readonly policy: Policy,
  ) {}

  async open(actor: Actor): Promise<{ items: ListedAlarm[]; total: number; seq: number }> {
    const now = this.clock.now();
    const { result, seq } = await this.db.snapshot(() => this.repo.openAlarms(actor.scope, now));
    return { ...result, seq };
  }

  /** Acknowledging twice answers the first acknowledgement (whoever was first silenced it). */
  async acknowledge(actor: Actor, input: AckAlarmInput): Promise<AlarmAck> {
    const item = await this.repo.alarmItem(input.kind, input.itemId);
    if (!item) throw notFound();
    await this.policy.ensureVisible(actor, item.jurisdiction, { type: `alarm.${input.kind}`, id: input.itemId });
    const key = alarmKey(input.kind, input.itemId);
    return this.commands.run(actor, async (ctx) => {
      const j = item.jurisdiction;
      const row = await this.repo.insertAck({
        key,
        kind: input.kind,
        itemId: input.itemId,
        streetId: j.streetId,
        communityId: j.communityId,
        gridId: j.gridId,
        departmentIds: j.departmentIds,
        streetWide: j.streetWide,
        byId: actor.userId!,
        byName: actor.displayName,
        at: this.clock.now(),
      });
      if (!row) return toDto((await this.repo.findAck(key))!);
      const ack = toDto(row);
      ctx.audit({
        action: 'alarm.ack',
        objectType: `alarm.${input.kind}`,
        objectId: input.itemId,
        after: ack,
        detail: { label: item.alarm.label, raisedAt: item.alarm.raisedAt },
        streetId: j.streetId,
      });
      ctx.emit('alarm.acknowledged', ack, j, item.alarm.drillId);
      return ack;
    });
  }
}
