import { type IncidentState, incidentWorkflow, type Label, type Severity, SEVERITY_LABELS } from '@gridboard/shared';
import { currentLocale } from '@/i18n';

/** The shared bilingual labels (workflows, enums, configurable categories) in the current language. */
export const labelOf = (label: Label | undefined, fallback = ''): string => label?.[currentLocale()] ?? fallback;
export const stateLabel = (state: IncidentState): Label => incidentWorkflow.stateLabels[state];
export const severityLabel = (severity: Severity): Label => SEVERITY_LABELS[severity];
