import type { FieldError } from '@gridboard/shared';
import { z } from 'zod';
import { invalid } from './errors';

const zhCN = z.locales.zhCN();

/** zod issues as field errors; the message carries both languages' texts ("中文 / English"). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)';
    // A schema's own message already in both languages is kept as written (zod's would be generic).
    if (i.message.includes(' / ')) return { field, code: i.code, message: i.message };
    const zh = zhCN.localeError(i as never);
    const zhText = typeof zh === 'string' ? zh : (zh?.message ?? i.message);
    return { field, code: i.code, message: zhText === i.message ? i.message : `${zhText} / ${i.message}` };
  });
}

/** Parses input with a shared schema or throws 400 naming each field and why. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalid(fieldErrors(r.error.issues, prefix));
  return r.data;
}
