import type { Label, Locale } from '@gridboard/shared';
import { useI18n } from 'vue-i18n';

/**
 * Enum labels that the shared contracts define in both languages (workflow states and actions,
 * campaign types, severities…): shown in the current UI language, one definition for server and client.
 */
export function useLabel() {
  const { locale } = useI18n();
  return (l: Label) => l[locale.value as Locale] ?? l['zh-CN'];
}
