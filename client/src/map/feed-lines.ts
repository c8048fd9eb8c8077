import {
  type BoardEvent,
  type EventType,
  floodWarningWorkflow,
  hazardWorkflow,
  type IncidentState,
  transferWorkflow,
} from '@gridboard/shared';
import type { MapSelection } from './types';
import { labelOf, stateLabel } from './board-labels';

export type FeedTone = 'info' | 'warn' | 'alarm';
export interface FeedLine {
  seq: number;
  at: string;
  text: string;
  tone: FeedTone;
  drill: boolean;
  target: MapSelection | null;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Format = (e: BoardEvent, t: Translate, gridName: (id: string) => string) => Omit<FeedLine, 'seq' | 'at' | 'drill'>;

const incidentState = (s: string | null) => (s ? labelOf(stateLabel(s as IncidentState), s) : '');
const WHISTLE_ACTIONS = ['blow', 'raise', 'confirm', 'cancel', 'acknowledge', 'arrive', 'report'];

/**
 * One human-readable line per event type the board's feed shows (zh-CN / en-US through `t`).
 * User text (titles, names) is data for the template, and the feed renders lines as text.
 */
const FORMATS: { [T in EventType]?: Format } = {
  'incident.created': (e, t, grid) => {
    const { incident: i, step } = (e as BoardEvent<'incident.created'>).payload;
    return {
      text: t('board.feed.incidentCreated', {
        who: step.actorName,
        number: i.number,
        title: i.title,
        grid: grid(i.gridId),
      }),
      tone: i.severity === 'high' || i.severity === 'critical' ? 'alarm' : 'info',
      target: { kind: 'incident', id: i.id },
    };
  },
  'incident.changed': (e, t) => {
    const { incident: i, step } = (e as BoardEvent<'incident.changed'>).payload;
    return {
      text: step.toState
        ? t('board.feed.incidentState', { who: step.actorName, number: i.number, state: incidentState(step.toState) })
        : t('board.feed.incidentUpdated', { who: step.actorName, number: i.number }),
      tone: 'info',
      target: { kind: 'incident', id: i.id },
    };
  },
  'incident.overdue': (e, t) => {
    const { incident: i } = (e as BoardEvent<'incident.overdue'>).payload;
    return {
      text: t('board.feed.incidentOverdue', { number: i.number, title: i.title }),
      tone: 'warn',
      target: { kind: 'incident', id: i.id },
    };
  },
  'whistle.blown': (e, t) => {
    const { whistle: w, step } = (e as BoardEvent<'whistle.blown'>).payload;
    return {
      text: t('board.feed.whistleBlown', {
        who: step.actorName,
        number: w.incident.number,
        departments: w.summons.map((s) => s.departmentName).join('、'),
      }),
      tone: 'warn',
      target: { kind: 'whistle', id: w.id },
    };
  },
  'whistle.changed': (e, t) => {
    const { whistle: w, step } = (e as BoardEvent<'whistle.changed'>).payload;
    const action = WHISTLE_ACTIONS.includes(step.action) ? t(`board.whistleAction.${step.action}`) : step.action;
    return {
      text: t('board.feed.whistleStep', { who: step.actorName, number: w.incident.number, action }),
      tone: 'info',
      target: { kind: 'whistle', id: w.id },
    };
  },
  'whistle.summons_overdue': (e, t) => {
    const p = (e as BoardEvent<'whistle.summons_overdue'>).payload;
    return {
      text: t('board.feed.summonsOverdue', { department: p.departmentName, number: p.whistle.incident.number }),
      tone: 'alarm',
      target: { kind: 'whistle', id: p.whistle.id },
    };
  },
  'whistle.overdue': (e, t) => {
    const { whistle: w } = (e as BoardEvent<'whistle.overdue'>).payload;
    return {
      text: t('board.feed.whistleOverdue', { number: w.incident.number }),
      tone: 'warn',
      target: { kind: 'whistle', id: w.id },
    };
  },
  'flood.warning.issued': (e, t) => {
    const { warning: w } = (e as BoardEvent<'flood.warning.issued'>).payload;
    return {
      text: t('board.feed.warningIssued', { title: w.title, households: w.households, people: w.people }),
      tone: w.level === 'red' ? 'alarm' : 'warn',
      target: null,
    };
  },
  'flood.warning.changed': (e, t) => {
    const { warning: w } = (e as BoardEvent<'flood.warning.changed'>).payload;
    return {
      text: t('board.feed.warningChanged', {
        title: w.title,
        state: labelOf(floodWarningWorkflow.stateLabels[w.state], w.state),
      }),
      tone: w.level === 'red' ? 'alarm' : 'warn',
      target: null,
    };
  },
  'flood.task.changed': (e, t, grid) => {
    const { task } = (e as BoardEvent<'flood.task.changed'>).payload;
    return {
      text: t('board.feed.transfer', {
        grid: grid(task.gridId),
        address: task.address,
        state: labelOf(transferWorkflow.stateLabels[task.state], task.state),
      }),
      tone: 'info',
      target: { kind: 'floodTask', id: task.id },
    };
  },
  'flood.task_refused': (e, t, grid) => {
    const { task } = (e as BoardEvent<'flood.task_refused'>).payload;
    return {
      text: t('board.feed.transferRefused', { grid: grid(task.gridId), address: task.address }),
      tone: 'alarm',
      target: { kind: 'floodTask', id: task.id },
    };
  },
  'flood.shelter_over_capacity': (e, t) => {
    const { shelter } = (e as BoardEvent<'flood.shelter_over_capacity'>).payload;
    return {
      text: t('board.feed.shelterFull', {
        name: shelter.name,
        occupancy: shelter.occupancy,
        capacity: shelter.capacity,
      }),
      tone: 'warn',
      target: { kind: 'shelter', id: shelter.shelterId },
    };
  },
  'hazard.changed': (e, t) => {
    const { hazard: h } = (e as BoardEvent<'hazard.changed'>).payload;
    return {
      text: t('board.feed.hazard', {
        number: h.number,
        site: h.siteName,
        state: labelOf(hazardWorkflow.stateLabels[h.state], h.state),
      }),
      tone: 'info',
      target: { kind: 'hazard', id: h.id },
    };
  },
  'hazard.overdue': (e, t) => {
    const { hazard: h } = (e as BoardEvent<'hazard.overdue'>).payload;
    return {
      text: t('board.feed.hazardOverdue', { number: h.number, site: h.siteName }),
      tone: 'warn',
      target: { kind: 'hazard', id: h.id },
    };
  },
  'alarm.acknowledged': (e, t) => {
    const a = (e as BoardEvent<'alarm.acknowledged'>).payload;
    return { text: t('board.feed.alarmAck', { who: a.byName }), tone: 'info', target: null };
  },
};

export const FEED_EVENT_TYPES = Object.keys(FORMATS) as EventType[];

export function feedLine(e: BoardEvent, t: Translate, gridName: (id: string) => string): FeedLine | null {
  const format = FORMATS[e.type];
  if (!format) return null;
  return { seq: e.seq, at: e.at, drill: e.drillId !== null, ...format(e, t, gridName) };
}
