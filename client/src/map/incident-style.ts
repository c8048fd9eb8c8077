import type L from 'leaflet';
import type { BoardIncident, IncidentState, Severity } from '@gridboard/shared';

/** Fill by severity (red kept for the serious end), so the eye finds the worst first. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  low: '#3b82f6',
  medium: '#f59e0b',
  high: '#ef4444',
  critical: '#7f1d1d',
};
export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const SEVERITY_BY_RANK: Severity[] = ['low', 'medium', 'high', 'critical'];
const RADIUS: Record<Severity, number> = { low: 5, medium: 6, high: 7, critical: 8 };

/** Done items fade: the board is about what still needs someone. */
const DONE: ReadonlySet<IncidentState> = new Set(['resolved', 'verified', 'closed']);

/** A marker's look by severity (fill, size) and state (ring: overdue black, drill dashed, done faded). */
export function incidentStyle(i: BoardIncident, selected: boolean): L.CircleMarkerOptions {
  const done = DONE.has(i.state);
  return {
    radius: RADIUS[i.severity] + (selected ? 4 : 0),
    fillColor: SEVERITY_COLORS[i.severity],
    fillOpacity: done ? 0.35 : 0.95,
    color: selected ? '#ea580c' : i.overdue && !done ? '#111827' : i.drillId ? '#7c3aed' : '#ffffff',
    weight: selected || (i.overdue && !done) ? 3 : 1.5,
    dashArray: i.drillId ? '2 2' : undefined,
    opacity: done ? 0.5 : 1,
  };
}
