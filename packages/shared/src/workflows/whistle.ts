import type { Workflow } from '../workflow';

/**
 * 吹哨报到: a grid blows the whistle, each summoned department signs for it (签收), reports for duty
 * on site (报到) and reports its result; the whistle closes when every department has reported and
 * the grid leader confirms. Raising the level (升级) summons more departments, never the same twice.
 */
export const WHISTLE_STATES = ['open', 'closed', 'cancelled'] as const;
export type WhistleState = (typeof WHISTLE_STATES)[number];

export const whistleWorkflow: Workflow<WhistleState> = {
  name: 'whistle',
  states: WHISTLE_STATES,
  initial: 'open',
  terminal: ['closed', 'cancelled'],
  stateLabels: {
    open: { 'zh-CN': '吹哨中', 'en-US': 'Open' },
    closed: { 'zh-CN': '已办结', 'en-US': 'Closed' },
    cancelled: { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
  },
  transitions: [
    {
      action: 'raise',
      from: ['open'],
      to: null,
      roles: ['grid_leader', 'duty_officer', 'leader', 'admin'],
      requires: ['reason'],
      label: { 'zh-CN': '升级吹哨', 'en-US': 'Raise level' },
    },
    {
      action: 'confirm',
      from: ['open'],
      to: 'closed',
      roles: ['grid_leader', 'duty_officer', 'leader', 'admin'],
      condition: 'all_summons_reported',
      label: { 'zh-CN': '确认办结', 'en-US': 'Confirm closed' },
    },
    {
      action: 'cancel',
      from: ['open'],
      to: 'cancelled',
      roles: ['grid_leader', 'duty_officer', 'leader', 'admin'],
      requires: ['reason'],
      label: { 'zh-CN': '撤销', 'en-US': 'Cancel' },
    },
  ],
};

/** One summoned department's part of a whistle. */
export const SUMMONS_STATES = ['summoned', 'acknowledged', 'on_site', 'reported'] as const;
export type SummonsState = (typeof SUMMONS_STATES)[number];

export const summonsWorkflow: Workflow<SummonsState> = {
  name: 'summons',
  states: SUMMONS_STATES,
  initial: 'summoned',
  terminal: ['reported'],
  stateLabels: {
    summoned: { 'zh-CN': '待签收', 'en-US': 'Summoned' },
    acknowledged: { 'zh-CN': '已签收', 'en-US': 'Acknowledged' },
    on_site: { 'zh-CN': '已报到', 'en-US': 'On site' },
    reported: { 'zh-CN': '已反馈', 'en-US': 'Result reported' },
  },
  transitions: [
    {
      action: 'acknowledge',
      from: ['summoned'],
      to: 'acknowledged',
      roles: ['dept_staff'],
      condition: 'own_department',
      label: { 'zh-CN': '签收', 'en-US': 'Acknowledge' },
    },
    {
      action: 'arrive',
      from: ['summoned', 'acknowledged'],
      to: 'on_site',
      roles: ['dept_staff'],
      condition: 'own_department',
      label: { 'zh-CN': '报到', 'en-US': 'Report for duty' },
    },
    {
      action: 'report',
      from: ['on_site'],
      to: 'reported',
      roles: ['dept_staff'],
      requires: ['result'],
      condition: 'own_department',
      label: { 'zh-CN': '反馈结果', 'en-US': 'Report result' },
    },
  ],
};
