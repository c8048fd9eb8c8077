import { type Alarm, type AlarmAck, alarmKey, type BoardEvent } from '@gridboard/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { boardApi } from '@/api/board';
import { realtime } from '@/realtime';
import { coalesce, LIVE_PANEL_MS } from './per-frame';

/**
 * Alarms that sound until someone acknowledges them (issue 6): the open ones from the server, new
 * ones as urgent events arrive (high-severity incident, a missed 报到, a red warning, a refused
 * transfer), and the acknowledgements of anyone on the street.
 */
export const useBoardAlarmsStore = defineStore('board-alarms', () => {
  const open = shallowRef<Alarm[]>([]);
  /** The latest acknowledgements, newest first, so everyone sees who silenced what. */
  const acks = shallowRef<(AlarmAck & { label: string })[]>([]);
  const sounding = computed(() => open.value.length > 0);

  /**
   * Alarms raised since the bar was last shown, newest first. They join the bar with the live
   * panels' next re-render (LIVE_PANEL_MS): raised at once, each high-severity report of a burst
   * re-rendered the bar and committed the page in a frame of its own, at about the cost of a whole
   * batch of the panels (board benchmark traces).
   */
  let raised: Alarm[] = [];
  const show = coalesce(() => {
    if (!raised.length) return;
    open.value = [...raised, ...open.value];
    raised = [];
  }, LIVE_PANEL_MS);

  function raise(alarm: Alarm): void {
    const same = (a: { key: string }) => a.key === alarm.key;
    if (open.value.some(same) || raised.some(same) || acks.value.some(same)) return;
    raised.unshift(alarm);
    show();
  }

  function acknowledged(ack: AlarmAck): void {
    const alarm = open.value.find((a) => a.key === ack.key) ?? raised.find((a) => a.key === ack.key);
    raised = raised.filter((a) => a.key !== ack.key);
    open.value = open.value.filter((a) => a.key !== ack.key);
    if (!acks.value.some((a) => a.key === ack.key)) {
      acks.value = [{ ...ack, label: alarm?.label ?? '' }, ...acks.value].slice(0, 20);
    }
  }

  const at = (e: BoardEvent) => e.at;
  const feed = realtime.feed({
    on: {
      'incident.created': (e) => {
        const { incident: i } = e.payload;
        if (i.severity !== 'high' && i.severity !== 'critical') return;
        raise({
          key: alarmKey('incident', i.id),
          kind: 'incident',
          itemId: i.id,
          target: { kind: 'incident', id: i.id },
          label: `${i.number} ${i.title}`,
          raisedAt: at(e),
          drillId: i.drillId,
        });
      },
      'whistle.summons_overdue': (e) => {
        const p = e.payload;
        raise({
          key: alarmKey('summons', p.summonsId),
          kind: 'summons',
          itemId: p.summonsId,
          target: { kind: 'whistle', id: p.whistle.id },
          label: `${p.departmentName} · ${p.whistle.incident.number}`,
          raisedAt: at(e),
          drillId: p.whistle.drillId,
        });
      },
      'flood.warning.issued': (e) => raiseWarning(e),
      'flood.warning.changed': (e) => raiseWarning(e),
      'flood.task_refused': (e) => {
        const { task } = e.payload;
        raise({
          key: alarmKey('transfer', task.id),
          kind: 'transfer',
          itemId: task.id,
          target: { kind: 'floodTask', id: task.id },
          label: task.address,
          raisedAt: at(e),
          drillId: task.drillId,
        });
      },
      'alarm.acknowledged': (e) => acknowledged(e.payload),
    },
    onStale: () => void load(),
  });

  function raiseWarning(e: BoardEvent<'flood.warning.issued'> | BoardEvent<'flood.warning.changed'>): void {
    const { warning: w } = e.payload;
    if (w.level !== 'red' || w.state !== 'active') return;
    raise({
      key: alarmKey('warning', w.id),
      kind: 'warning',
      itemId: w.id,
      target: null,
      label: w.title,
      raisedAt: at(e),
      drillId: w.drillId,
    });
  }

  async function load(): Promise<void> {
    const list = await boardApi.alarms();
    // The list holds every alarm open at its seq; the stream raises the later ones again.
    raised = [];
    show.cancel();
    open.value = list.items;
    feed.resume(list.seq);
  }

  async function acknowledge(alarm: Alarm): Promise<void> {
    acknowledged(await boardApi.ack({ kind: alarm.kind, itemId: alarm.itemId }));
  }

  return { open, acks, sounding, load, acknowledge };
});
