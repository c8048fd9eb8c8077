import {
  answerPasses,
  checkAnswers,
  type ChecklistItem,
  checklistItemsInputSchema,
  checklistItemsSchema,
  createCampaignSchema,
} from './inspections';
import { hasPermission } from './roles';
import { hazardWorkflow } from './workflows/hazard';

const items: ChecklistItem[] = checklistItemsSchema.parse([
  { key: 'extinguisher', label: '灭火器有效', kind: 'yes_no' },
  { key: 'flying_wire', label: '存在飞线充电', kind: 'yes_no', passWhen: 'no' },
  { key: 'hose', label: '软管长度', kind: 'number', min: 0, max: 2, unit: '米' },
  {
    key: 'cylinder',
    label: '气瓶存放',
    kind: 'choice',
    options: [
      { value: 'room', label: '独立气瓶间', pass: true },
      { value: 'kitchen', label: '操作间内', pass: false },
    ],
  },
  { key: 'remark', label: '备注', kind: 'text', required: false },
  { key: 'photo', label: '现场照片', kind: 'photo_required' },
]);
const item = (key: string) => items.find((i) => i.key === key)!;

describe('checklist items', () => {
  it('fill in defaults and refuse repeated keys, min above max and repeated options', () => {
    expect(item('extinguisher')).toMatchObject({ required: true, passWhen: 'yes', hazardSeverity: 'medium' });
    const bad = checklistItemsInputSchema.safeParse([
      { key: 'a', label: 'A', kind: 'text' },
      { key: 'a', label: 'B', kind: 'number', min: 5, max: 1 },
      {
        label: 'C',
        kind: 'choice',
        options: [
          { value: 'x', label: 'X', pass: true },
          { value: 'x', label: 'Y', pass: false },
        ],
      },
    ]);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['1.key', '1.max', '2.options']);
    expect(checklistItemsSchema.safeParse([{ label: 'no key', kind: 'text' }]).success).toBe(false);
  });

  it('decide pass and fail per kind, and nothing for items that cannot fail', () => {
    expect(answerPasses(item('extinguisher'), true)).toBe(true);
    expect(answerPasses(item('extinguisher'), false)).toBe(false);
    expect(answerPasses(item('flying_wire'), true)).toBe(false);
    expect(answerPasses(item('hose'), 2)).toBe(true);
    expect(answerPasses(item('hose'), 2.5)).toBe(false);
    expect(answerPasses(item('cylinder'), 'kitchen')).toBe(false);
    expect(answerPasses(item('cylinder'), 'room')).toBe(true);
    expect(answerPasses(item('remark'), '无')).toBeNull();
    expect(answerPasses(item('photo'), null)).toBeNull();
    expect(answerPasses(item('extinguisher'), null)).toBeNull();
  });

  it('name every problem of a set of answers by its field', () => {
    const a = (itemKey: string, value: boolean | number | string | null, photoIds: string[] = []) => ({
      itemKey,
      value,
      note: '',
      photoIds,
    });
    expect(
      checkAnswers(items, [
        a('extinguisher', 'yes'),
        a('hose', 1),
        a('hose', 1),
        a('cylinder', 'roof'),
        a('photo', null),
        a('ghost', true),
      ]).map((p) => [p.field, p.code]),
    ).toEqual([
      ['answers[0].value', 'wrong_type'],
      ['answers[2].itemKey', 'duplicate'],
      ['answers[3].value', 'unknown_option'],
      ['answers[4].photoIds', 'photos_required'],
      ['answers[5].itemKey', 'unknown_item'],
      ['answers.flying_wire', 'required'],
    ]);
    expect(
      checkAnswers(items, [
        a('extinguisher', true),
        a('flying_wire', false),
        a('hose', 1.5),
        a('cylinder', 'room'),
        a('photo', null, ['6f1c1a52-0000-4000-8000-000000000001']),
      ]),
    ).toEqual([]);
  });
});

describe('campaigns and the hazard workflow', () => {
  it('refuse a campaign that ends before it starts', () => {
    const base = { name: '消防专项', type: 'fire', templateId: '6f1c1a52-0000-4000-8000-000000000001' };
    expect(createCampaignSchema.safeParse({ ...base, startsOn: '2026-05-01', endsOn: '2026-04-30' }).success).toBe(
      false,
    );
    expect(createCampaignSchema.parse({ ...base, startsOn: '2026-05-01', endsOn: '2026-05-01' })).toMatchObject({
      siteTypes: [],
      nineSmall: false,
      departmentIds: [],
    });
  });

  it('gives hazard steps only to roles that hold hazard.handle', () => {
    for (const t of hazardWorkflow.transitions) {
      for (const role of t.roles)
        expect([t.action, role, hasPermission(role, 'hazard.handle')]).toEqual([t.action, role, true]);
    }
  });
});
