import type { Role } from '../roles';
import type { Workflow } from '../workflow';

/**
 * 防汛转移: one task per fixed-transfer household when a warning is raised. Cadres go door to door,
 * so steps may be skipped (a household found already leaving goes straight to moving). Refusal
 * (拒绝转移) escalates at once and can still be turned around. A sheltered family may move to another
 * shelter (an over-full one is relieved) or to relatives. After the warning is lifted every household
 * is tracked home (returned): those who left come back, those who never left are confirmed safe.
 * Only while the warning is active may people be moved; only after it is lifted may they return.
 */
export const TRANSFER_STATES = [
  'pending',
  'notified',
  'moving',
  'sheltered',
  'self_arranged',
  'refused',
  'returned',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
/** Nobody in these states is unaccounted for while the warning is active. */
export const TRANSFER_ACCOUNTED_STATES: readonly TransferState[] = ['sheltered', 'self_arranged', 'returned'];
/** People in these states are still at home (the board's "who is still at home" list). */
export const TRANSFER_AT_HOME_STATES: readonly TransferState[] = ['pending', 'notified', 'refused'];

const CADRES: Role[] = ['grid_leader', 'grid_worker', 'community_staff', 'duty_officer', 'leader', 'admin'];

export const transferWorkflow: Workflow<TransferState> = {
  name: 'transfer',
  states: TRANSFER_STATES,
  initial: 'pending',
  terminal: ['returned'],
  stateLabels: {
    pending: { 'zh-CN': '待通知', 'en-US': 'Pending' },
    notified: { 'zh-CN': '已通知', 'en-US': 'Notified' },
    moving: { 'zh-CN': '转移中', 'en-US': 'Moving' },
    sheltered: { 'zh-CN': '已安置', 'en-US': 'Sheltered' },
    self_arranged: { 'zh-CN': '投亲靠友', 'en-US': 'Self-arranged' },
    refused: { 'zh-CN': '拒绝转移', 'en-US': 'Refused' },
    returned: { 'zh-CN': '已返回', 'en-US': 'Returned' },
  },
  transitions: [
    {
      action: 'notify',
      from: ['pending'],
      to: 'notified',
      roles: CADRES,
      condition: 'warning_active',
      label: { 'zh-CN': '已通知', 'en-US': 'Notified' },
    },
    {
      action: 'move',
      from: ['pending', 'notified', 'refused'],
      to: 'moving',
      roles: CADRES,
      condition: 'warning_active',
      label: { 'zh-CN': '开始转移', 'en-US': 'Moving' },
    },
    {
      action: 'shelter',
      from: ['pending', 'notified', 'moving', 'refused', 'sheltered', 'self_arranged'],
      to: 'sheltered',
      roles: CADRES,
      requires: ['shelterId', 'people'],
      condition: 'warning_active',
      label: { 'zh-CN': '已安置', 'en-US': 'Sheltered' },
    },
    {
      action: 'self_arrange',
      from: ['pending', 'notified', 'moving', 'refused', 'sheltered'],
      to: 'self_arranged',
      roles: CADRES,
      requires: ['people'],
      condition: 'warning_active',
      label: { 'zh-CN': '投亲靠友', 'en-US': 'Self-arranged' },
    },
    {
      action: 'refuse',
      from: ['pending', 'notified', 'moving'],
      to: 'refused',
      roles: CADRES,
      requires: ['reason'],
      condition: 'warning_active',
      label: { 'zh-CN': '拒绝转移', 'en-US': 'Refused' },
    },
    {
      action: 'return',
      from: ['pending', 'notified', 'moving', 'sheltered', 'self_arranged', 'refused'],
      to: 'returned',
      roles: CADRES,
      condition: 'warning_lifted',
      label: { 'zh-CN': '已返回 / 确认在家', 'en-US': 'Home (returned or confirmed safe)' },
    },
  ],
};
