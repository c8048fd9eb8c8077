import type { Role } from '../roles';
import type { Workflow } from '../workflow';

/**
 * 防汛转移: one task per fixed-transfer household when a warning is raised. Cadres go door to door,
 * so steps may be skipped (a household found already leaving goes straight to moving). Refusal
 * (拒绝转移) escalates at once and can still be turned around. After the warning is lifted, sheltered
 * and self-arranged households are tracked home (returned).
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
/** Nobody in these states is unaccounted for. */
export const TRANSFER_ACCOUNTED_STATES: readonly TransferState[] = ['sheltered', 'self_arranged', 'returned'];

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
      label: { 'zh-CN': '已通知', 'en-US': 'Notified' },
    },
    {
      action: 'move',
      from: ['pending', 'notified', 'refused'],
      to: 'moving',
      roles: CADRES,
      label: { 'zh-CN': '开始转移', 'en-US': 'Moving' },
    },
    {
      action: 'shelter',
      from: ['pending', 'notified', 'moving', 'refused'],
      to: 'sheltered',
      roles: CADRES,
      requires: ['shelterId', 'people'],
      label: { 'zh-CN': '已安置', 'en-US': 'Sheltered' },
    },
    {
      action: 'self_arrange',
      from: ['pending', 'notified', 'moving', 'refused'],
      to: 'self_arranged',
      roles: CADRES,
      requires: ['people'],
      label: { 'zh-CN': '投亲靠友', 'en-US': 'Self-arranged' },
    },
    {
      action: 'refuse',
      from: ['pending', 'notified', 'moving'],
      to: 'refused',
      roles: CADRES,
      requires: ['reason'],
      label: { 'zh-CN': '拒绝转移', 'en-US': 'Refused' },
    },
    {
      action: 'return',
      from: ['sheltered', 'self_arranged'],
      to: 'returned',
      roles: CADRES,
      condition: 'warning_lifted',
      label: { 'zh-CN': '已返回', 'en-US': 'Returned home' },
    },
  ],
};
