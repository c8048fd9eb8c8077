import { type IncidentState, incidentWorkflow, type Label, type Severity, SEVERITY_LABELS } from '@gridboard/shared';
import { shallowRef } from 'vue';
import { currentLocale } from '@/i18n';

/** The shared bilingual labels (workflows, enums, configurable categories) in the current language. */
export const labelOf = (label: Label | undefined, fallback = ''): string => label?.[currentLocale()] ?? fallback;

/**
 * The street's own names for incident states (a street may rename the labels; timers and statistics
 * key off the canonical states). The incidents store sets them once it has read its configuration.
 */
// A ref, so that what renders a label (the filters, the queue) follows when the names arrive.
const streetStateLabels = shallowRef<Partial<Record<IncidentState, Label>>>({});
export function setStreetStateLabels(labels: Partial<Record<IncidentState, Label>>): void {
  streetStateLabels.value = labels;
}
export const stateLabel = (state: IncidentState): Label =>
  streetStateLabels.value[state] ?? incidentWorkflow.stateLabels[state];
export const severityLabel = (severity: Severity): Label => SEVERITY_LABELS[severity];
