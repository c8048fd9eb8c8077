import {
  type FloodWarningState,
  floodWarningWorkflow,
  type Label,
  type Locale,
  RISK_TYPE_LABELS,
  type RiskType,
  type TransferState,
  transferWorkflow,
  VULNERABLE_LABELS,
  type VulnerableFlag,
  WARNING_LEVEL_INFO,
  WARNING_TYPE_LABELS,
  type WarningLevel,
  type WarningType,
} from '@gridboard/shared';
import { useI18n } from 'vue-i18n';
import { formatShanghai } from './useShanghaiTime';

/**
 * The flood vocabulary in the current language. The labels live with the contracts in
 * packages/shared (both languages), so the server's spreadsheet, the CAP text and the screens agree.
 */
export function useFloodLabels() {
  const { locale } = useI18n();
  const pick = (l: Label) => l[locale.value as Locale];
  const actionLabel = (action: string) =>
    pick(transferWorkflow.transitions.find((t) => t.action === action)?.label ?? { 'zh-CN': action, 'en-US': action });
  return {
    level: (l: WarningLevel) => pick(WARNING_LEVEL_INFO[l].label),
    levelColor: (l: WarningLevel) => WARNING_LEVEL_INFO[l].color,
    type: (t: WarningType) => pick(WARNING_TYPE_LABELS[t]),
    risk: (r: RiskType) => pick(RISK_TYPE_LABELS[r]),
    vulnerable: (v: VulnerableFlag) => pick(VULNERABLE_LABELS[v]),
    taskState: (s: TransferState) => pick(transferWorkflow.stateLabels[s]),
    warningState: (s: FloodWarningState) => pick(floodWarningWorkflow.stateLabels[s]),
    taskAction: actionLabel,
    time: (iso: string | null) => (iso ? formatShanghai(new Date(iso), locale.value) : '—'),
  };
}
