import type { Role } from '../roles';
import type { Workflow } from '../workflow';

/**
 * 防汛预警: issued active (transfer tasks are created), its level raised or lowered while active,
 * lifted (解除: return tracking starts), then closed once everyone is home — or, with someone still
 * unaccounted for, only with an explicit exception and its reason. A drill coordinator acts on drill
 * warnings only.
 */
export const FLOOD_WARNING_STATES = ['active', 'lifted', 'closed'] as const;
export type FloodWarningState = (typeof FLOOD_WARNING_STATES)[number];

const WARNERS: Role[] = ['duty_officer', 'leader', 'admin', 'drill_coordinator'];

export const floodWarningWorkflow: Workflow<FloodWarningState> = {
  name: 'flood_warning',
  states: FLOOD_WARNING_STATES,
  initial: 'active',
  terminal: ['closed'],
  stateLabels: {
    active: { 'zh-CN': '预警中', 'en-US': 'Active' },
    lifted: { 'zh-CN': '已解除（返回跟踪中）', 'en-US': 'Lifted (tracking returns)' },
    closed: { 'zh-CN': '已关闭', 'en-US': 'Closed' },
  },
  transitions: [
    {
      action: 'change_level',
      from: ['active'],
      to: null,
      roles: WARNERS,
      requires: ['level'],
      condition: 'drills_only_for_coordinator',
      label: { 'zh-CN': '调整级别', 'en-US': 'Change level' },
    },
    {
      action: 'lift',
      from: ['active'],
      to: 'lifted',
      roles: WARNERS,
      condition: 'drills_only_for_coordinator',
      label: { 'zh-CN': '解除预警', 'en-US': 'Lift' },
    },
    {
      action: 'close',
      from: ['lifted'],
      to: 'closed',
      roles: WARNERS,
      condition: 'everyone_home_or_exception',
      label: { 'zh-CN': '关闭', 'en-US': 'Close' },
    },
  ],
};
