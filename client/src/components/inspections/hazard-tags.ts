import type { HazardState, Severity } from '@gridboard/shared';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** Element Plus tag colours: red for what the street must still clear, green once struck off (销号). */
export const stateTag = (s: HazardState): TagType =>
  ({ open: 'danger', rectifying: 'warning', awaiting_recheck: 'primary', closed: 'success' })[s] as TagType;

export const severityTag = (s: Severity): TagType =>
  ({ low: 'info', medium: 'warning', high: 'danger', critical: 'danger' })[s] as TagType;

/** Map colours by the worst open severity; grey-green for sites with nothing open. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  low: '#ca8a04',
  medium: '#ea580c',
  high: '#dc2626',
  critical: '#7f1d1d',
};
