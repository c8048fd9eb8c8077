import type { Role } from '../roles';
import type { Workflow } from '../workflow';

/**
 * 隐患: found in an inspection, rectified by the responsible party by a deadline (整改期限), then
 * re-inspected. 销号 (close) needs a re-inspection record by a different user than the finder, with
 * photo evidence; a failed re-inspection sends it back. Extensions (延期) are requested by the field
 * and approved (or rejected) by the duty room. Grid workers record inspections and re-inspections
 * (`inspection.record`); taking these steps is for roles with `hazard.handle`.
 */
export const HAZARD_STATES = ['open', 'rectifying', 'awaiting_recheck', 'closed'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

const FIELD: Role[] = ['grid_leader', 'community_staff', 'dept_staff'];
const OFFICE: Role[] = ['duty_officer', 'leader', 'admin'];

export const hazardWorkflow: Workflow<HazardState> = {
  name: 'hazard',
  states: HAZARD_STATES,
  initial: 'open',
  terminal: ['closed'],
  stateLabels: {
    open: { 'zh-CN': '待整改', 'en-US': 'Open' },
    rectifying: { 'zh-CN': '整改中', 'en-US': 'Rectifying' },
    awaiting_recheck: { 'zh-CN': '待复查', 'en-US': 'Awaiting re-inspection' },
    closed: { 'zh-CN': '已销号', 'en-US': 'Closed' },
  },
  transitions: [
    {
      action: 'start_rectification',
      from: ['open'],
      to: 'rectifying',
      roles: [...FIELD, ...OFFICE],
      label: { 'zh-CN': '开始整改', 'en-US': 'Start rectification' },
    },
    {
      action: 'submit_rectification',
      from: ['open', 'rectifying'],
      to: 'awaiting_recheck',
      roles: [...FIELD, ...OFFICE],
      requires: ['note'],
      label: { 'zh-CN': '提交复查', 'en-US': 'Submit for re-inspection' },
    },
    {
      action: 'recheck_pass',
      from: ['awaiting_recheck'],
      to: 'closed',
      roles: [...FIELD, ...OFFICE],
      requires: ['recordId'],
      condition: 'recheck_by_other_user_with_photo',
      label: { 'zh-CN': '复查通过销号', 'en-US': 'Re-inspection passed: close' },
    },
    {
      action: 'recheck_fail',
      from: ['awaiting_recheck'],
      to: 'rectifying',
      roles: [...FIELD, ...OFFICE],
      requires: ['note'],
      label: { 'zh-CN': '复查不通过', 'en-US': 'Re-inspection failed' },
    },
    {
      action: 'request_extension',
      from: ['open', 'rectifying'],
      to: null,
      roles: [...FIELD, ...OFFICE],
      requires: ['until', 'reason'],
      condition: 'no_extension_pending',
      label: { 'zh-CN': '申请延期', 'en-US': 'Request extension' },
    },
    {
      action: 'approve_extension',
      from: ['open', 'rectifying'],
      to: null,
      roles: OFFICE,
      condition: 'extension_pending',
      label: { 'zh-CN': '批准延期', 'en-US': 'Approve extension' },
    },
    {
      action: 'reject_extension',
      from: ['open', 'rectifying'],
      to: null,
      roles: OFFICE,
      requires: ['note'],
      condition: 'extension_pending',
      label: { 'zh-CN': '驳回延期', 'en-US': 'Reject extension' },
    },
    {
      action: 'supervise',
      from: ['open', 'rectifying', 'awaiting_recheck'],
      to: null,
      roles: ['leader', 'duty_officer', 'admin'],
      requires: ['note'],
      label: { 'zh-CN': '督办', 'en-US': 'Supervise' },
    },
  ],
};
