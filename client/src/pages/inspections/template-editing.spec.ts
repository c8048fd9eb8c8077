import { checklistItemsSchema } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { blankItem, editable, toInput } from './template-editing';

const items = checklistItemsSchema.parse([
  { key: 'alarm', label: '报警器正常', kind: 'yes_no' },
  {
    key: 'storage',
    label: '钢瓶存放',
    kind: 'choice',
    options: [
      { value: 'room', label: '独立气瓶间', pass: true },
      { value: 'kitchen', label: '操作间内', pass: false },
    ],
  },
]);

describe('template editing', () => {
  it('gives back the items it was given, keys kept', () => {
    const result = toInput(items.map(editable));
    expect(result).toEqual({ ok: true, items: checklistItemsSchema.parse(items) });
  });

  it('sends a new item without a key and with only its kind’s fields', () => {
    const added = { ...blankItem(), label: '最少照片', kind: 'photo_required' as const, minPhotos: 2, min: 5 };
    const result = toInput([...items.map(editable), added]);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.items[2]).toEqual({
        label: '最少照片',
        hint: '',
        required: true,
        hazardSeverity: 'medium',
        kind: 'photo_required',
        minPhotos: 2,
      });
  });

  it('names the item at fault', () => {
    const broken = items.map(editable);
    broken[1]!.options = broken[1]!.options.slice(0, 1);
    broken[0]!.label = '';
    const result = toInput(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.split(' ')[0])).toEqual(['#1', '#2']);
  });
});
