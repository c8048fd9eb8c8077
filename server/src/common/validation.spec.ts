import { staffPhoneSchema } from '@gridboard/shared';
import { z } from 'zod';
import { fieldErrors } from './validation';

describe('fieldErrors', () => {
  const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues;

  it('gives zod’s reason in Chinese and English, split by " / "', () => {
    const [e] = fieldErrors(issues(z.object({ floors: z.number().int() }), { floors: 'x' }));
    expect(e!.field).toBe('floors');
    const [zh, en, extra] = e!.message.split(' / ');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/expected number/i);
    expect(extra).toBeUndefined();
  });

  it('keeps a schema’s own bilingual message as written, one text per language', () => {
    const [e] = fieldErrors(issues(z.object({ phone: staffPhoneSchema }), { phone: '12ab' }), 'user');
    expect(e).toEqual({
      field: 'user.phone',
      code: 'invalid_format',
      message: '电话只能包含数字、+ 和 - / phone: digits, + and - only',
    });
  });
});
