import type { TransferState } from '@gridboard/shared';

/** One colour per transfer state, on the map, in the progress bar and in the legends alike; red is refusal. */
export const TASK_STATE_COLORS: Record<TransferState, string> = {
  pending: '#94a3b8',
  notified: '#2563eb',
  moving: '#f59e0b',
  sheltered: '#16a34a',
  self_arranged: '#0d9488',
  refused: '#dc2626',
  returned: '#64748b',
};

/** A shelter by how full it is: room, nearly full (≥ 80 %), over capacity. */
export function occupancyColor(occupancy: number, capacity: number): string {
  if (occupancy > capacity) return '#dc2626';
  if (capacity > 0 && occupancy >= capacity * 0.8) return '#f59e0b';
  return '#16a34a';
}
