import { MESSAGES } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import enUS from './en-US';
import { i18n } from './index';
import zhCN from './zh-CN';

type Tree = { [k: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe('i18n', () => {
  it('has every UI text in both languages', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });

  it("translates every server error code with the server's own text, in both languages", () => {
    const { t } = i18n.global;
    for (const [code, texts] of Object.entries(MESSAGES)) {
      expect(t(code, {}, { locale: 'zh-CN' })).toBe(texts['zh-CN']);
      expect(t(code, {}, { locale: 'en-US' })).toBe(texts['en-US']);
    }
  });
});
