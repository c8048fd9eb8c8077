import type { Role } from '../roles';
import type { Workflow } from '../workflow';

/**
 * 事件/工单. The seeds' steps: 首接首办 (accept: the acceptor owns it), 交办/派单 (dispatch), 跟踪督办
 * (supervise), 反馈回访 + 群众评单 (verify with the resident's rating), 销号 (close). 退回 (return) sends a
 * wrongly routed item back to its owner; 改派 (redispatch) re-routes it keeping its history.
 * Community staff and grid leaders who accepted an item (社区派单) may dispatch it themselves
 * (`owner_or_office`); handlers act only on items sent to their department or grid
 * (`assigned_handler`). `verify` with 不满意 takes the `reopen` transition.
 */
export const INCIDENT_STATES = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'returned',
  'resolved',
  'verified',
  'closed',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const INCIDENT_OPEN_STATES: readonly IncidentState[] = INCIDENT_STATES.filter((s) => s !== 'closed');

const OFFICE: Role[] = ['duty_officer', 'leader', 'admin'];
const RECEIVERS: Role[] = [...OFFICE, 'community_staff', 'grid_leader'];
const HANDLERS: Role[] = ['dept_staff', 'grid_leader', 'community_staff'];

export const incidentWorkflow: Workflow<IncidentState> = {
  name: 'incident',
  states: INCIDENT_STATES,
  initial: 'reported',
  terminal: ['closed'],
  stateLabels: {
    reported: { 'zh-CN': '待受理', 'en-US': 'Reported' },
    accepted: { 'zh-CN': '已受理', 'en-US': 'Accepted' },
    dispatched: { 'zh-CN': '已派单', 'en-US': 'Dispatched' },
    in_progress: { 'zh-CN': '处置中', 'en-US': 'In progress' },
    returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
    resolved: { 'zh-CN': '已办结', 'en-US': 'Resolved' },
    verified: { 'zh-CN': '已回访', 'en-US': 'Verified' },
    closed: { 'zh-CN': '已销号', 'en-US': 'Closed' },
  },
  transitions: [
    {
      action: 'accept',
      from: ['reported'],
      to: 'accepted',
      roles: RECEIVERS,
      label: { 'zh-CN': '受理', 'en-US': 'Accept' },
    },
    {
      action: 'dispatch',
      from: ['accepted', 'returned'],
      to: 'dispatched',
      roles: RECEIVERS,
      requires: ['targets'],
      condition: 'owner_or_office',
      label: { 'zh-CN': '派单', 'en-US': 'Dispatch' },
    },
    {
      action: 'redispatch',
      from: ['dispatched', 'in_progress'],
      to: 'dispatched',
      roles: RECEIVERS,
      requires: ['targets', 'reason'],
      condition: 'owner_or_office',
      label: { 'zh-CN': '改派', 'en-US': 'Re-route' },
    },
    {
      action: 'return',
      from: ['dispatched', 'in_progress'],
      to: 'returned',
      roles: HANDLERS,
      requires: ['reason'],
      condition: 'assigned_handler',
      label: { 'zh-CN': '退回', 'en-US': 'Return' },
    },
    {
      action: 'start',
      from: ['dispatched'],
      to: 'in_progress',
      roles: [...HANDLERS, 'grid_worker'],
      condition: 'assigned_handler',
      label: { 'zh-CN': '开始处置', 'en-US': 'Start work' },
    },
    {
      action: 'resolve',
      from: ['in_progress'],
      to: 'resolved',
      roles: [...HANDLERS, 'grid_worker'],
      requires: ['result'],
      condition: 'assigned_handler',
      label: { 'zh-CN': '办结', 'en-US': 'Resolve' },
    },
    {
      action: 'verify',
      from: ['resolved'],
      to: 'verified',
      roles: [...OFFICE, 'community_staff'],
      requires: ['rating'],
      condition: 'rating_satisfied',
      label: { 'zh-CN': '回访评价', 'en-US': 'Call back' },
    },
    {
      action: 'reopen',
      from: ['resolved'],
      to: 'in_progress',
      roles: [...OFFICE, 'community_staff'],
      requires: ['note'],
      condition: 'rating_dissatisfied',
      label: { 'zh-CN': '不满意重办', 'en-US': 'Reopen (dissatisfied)' },
    },
    {
      action: 'close',
      from: ['verified'],
      to: 'closed',
      roles: OFFICE,
      label: { 'zh-CN': '销号', 'en-US': 'Close' },
    },
    {
      action: 'supervise',
      from: ['reported', 'accepted', 'dispatched', 'in_progress', 'returned', 'resolved'],
      to: null,
      roles: ['leader', 'duty_officer', 'admin'],
      requires: ['note'],
      label: { 'zh-CN': '督办', 'en-US': 'Supervise' },
    },
  ],
};
