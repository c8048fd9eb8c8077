import {
  INCIDENT_SOURCE_LABELS,
  type IncidentSource,
  type IncidentState,
  type Label,
  type Locale,
  RATING_LABELS,
  type Rating,
  SEVERITY_LABELS,
  type Severity,
  summonsWorkflow,
  type SummonsState,
  WHISTLE_LEVEL_LABELS,
  whistleWorkflow,
  type WhistleState,
} from '@gridboard/shared';
import { useI18n } from 'vue-i18n';
import { useIncidentsStore } from '@/stores/incidents';

/**
 * The names of states, severities, sources, ratings and categories come with the shared contracts
 * (both languages) and, for incident states and categories, from the street's own configuration.
 */
export function useDomainLabels() {
  const { locale } = useI18n();
  const incidents = useIncidentsStore();
  const pick = (l: Label | undefined, fallback: string) => l?.[locale.value as Locale] ?? fallback;
  return {
    state: (s: IncidentState) => pick(incidents.stateLabels[s], s),
    severity: (s: Severity) => pick(SEVERITY_LABELS[s], s),
    source: (s: IncidentSource) => pick(INCIDENT_SOURCE_LABELS[s], s),
    rating: (r: Rating) => pick(RATING_LABELS[r], r),
    category: (code: string) => incidents.categoryLabel(code, locale.value),
    transition: (l: Label) => pick(l, ''),
    whistleState: (s: WhistleState) => pick(whistleWorkflow.stateLabels[s], s),
    summonsState: (s: SummonsState) => pick(summonsWorkflow.stateLabels[s], s),
    level: (n: number) => pick(WHISTLE_LEVEL_LABELS[n as 1 | 2 | 3], String(n)),
  };
}

/** Element Plus tag colours: the more severe, the louder. */
export const SEVERITY_TAG: Record<Severity, 'info' | 'warning' | 'danger' | 'primary'> = {
  low: 'info',
  medium: 'primary',
  high: 'warning',
  critical: 'danger',
};
export const STATE_TAG: Record<IncidentState, 'info' | 'warning' | 'danger' | 'primary' | 'success'> = {
  reported: 'danger',
  accepted: 'warning',
  dispatched: 'primary',
  in_progress: 'primary',
  returned: 'warning',
  resolved: 'success',
  verified: 'success',
  closed: 'info',
};
