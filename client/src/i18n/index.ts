import { LOCALES, type Locale, MESSAGES } from '@gridboard/shared';
import { createI18n } from 'vue-i18n';
import enUS from './en-US';
import zhCN from './zh-CN';

export type { Locale };
export { LOCALES };
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'gridboard.locale';

/** vue-i18n reads `{ } @ $ |` as syntax; the server's texts are plain, so those become literals. */
function literal(text: string): string {
  return text.replace(/[{}@$|]/g, (c) => `{'${c}'}`);
}

/**
 * The server's error texts (packages/shared/src/messages.ts) nested under their keys, so an API error
 * code such as `errors.login_failed` is translated by `t(code)` with the same table the server uses.
 */
function sharedMessages(locale: Locale): Record<string, Record<string, string>> {
  const nested: Record<string, Record<string, string>> = {};
  for (const [key, texts] of Object.entries(MESSAGES)) {
    const [group, name] = key.split('.') as [string, string];
    (nested[group] ??= {})[name] = literal(texts[locale]);
  }
  return nested;
}

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : DEFAULT_LOCALE;
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: {
    'zh-CN': { ...zhCN, ...sharedMessages('zh-CN') },
    'en-US': { ...enUS, ...sharedMessages('en-US') },
  },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
