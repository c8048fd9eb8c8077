import { checklistItemsSchema, createRecordSchema } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { blankDraft, draftSchema, failedItems, recordBody, shanghaiDayAfter } from './inspection-draft';

const items = checklistItemsSchema.parse([
  { key: 'exits', label: '疏散通道畅通', kind: 'yes_no' },
  { key: 'wiring', label: '存在私拉乱接电线', kind: 'yes_no', passWhen: 'no', hazardSeverity: 'high' },
  { key: 'count', label: '灭火器数量', kind: 'number', min: 2 },
  { key: 'photo', label: '现场照片', kind: 'photo_required' },
  { key: 'remark', label: '其他情况', kind: 'text', required: false },
]);
const SITE = '11111111-1111-4111-8111-111111111111';
const VERSION = '22222222-2222-4222-8222-222222222222';

function draft() {
  return blankDraft(
    {
      site: { siteId: SITE, name: '丁记服装店', address: '绿洲街150号', type: 'shop' },
      campaignId: null,
      campaignName: null,
      template: { versionId: VERSION, templateId: VERSION, name: '九小场所', number: 1, items },
      recheckHazardId: null,
    },
    new Date('2026-11-23T15:30:00Z'),
  );
}

describe('inspection draft', () => {
  it('counts deadlines in Beijing days', () => {
    // 23:30 in Beijing on the 23rd: three days later is the 26th, not the 27th.
    expect(shanghaiDayAfter(new Date('2026-11-23T15:30:00Z'), 3)).toBe('2026-11-26');
    expect(shanghaiDayAfter(new Date('2026-11-23T16:30:00Z'), 3)).toBe('2026-11-27');
  });

  it('lists the failed items by the shared pass rules', () => {
    const d = draft();
    d.answers.exits!.value = true;
    d.answers.wiring!.value = true;
    d.answers.count!.value = 1;
    expect(failedItems(d).map((i) => i.key)).toEqual(['wiring', 'count']);
  });

  it('builds a request the server schema accepts, raising only the hazards of failed items chosen', () => {
    const d = draft();
    d.answers.exits!.value = true;
    d.answers.wiring!.value = true;
    d.answers.count!.value = 3;
    d.answers.photo!.photos = [{ id: '33333333-3333-4333-8333-333333333333', thumbUrl: '/t' }];
    const hazard = {
      raise: true,
      severity: 'high' as const,
      description: ' 后厨私拉电线 ',
      responsibleParty: '某餐馆',
      responsibleContact: '',
      responsiblePhone: '',
      deadline: '2026-11-30',
      photos: [],
    };
    d.hazards.wiring = hazard;
    // A hazard form left from an item that passes again is not sent.
    d.hazards.count = { ...hazard, description: '数量不足' };
    const body = recordBody(d);
    expect(createRecordSchema.safeParse(body).success).toBe(true);
    expect(body.clientId).toBe(d.clientId);
    expect(body.hazards).toEqual([
      {
        itemKey: 'wiring',
        severity: 'high',
        description: '后厨私拉电线',
        responsibleParty: '某餐馆',
        responsibleContact: null,
        responsiblePhone: null,
        deadline: '2026-11-30',
        photoIds: [],
      },
    ]);
    expect(body.answers.find((a) => a.itemKey === 'photo')!.photoIds).toEqual(['33333333-3333-4333-8333-333333333333']);

    d.hazards.wiring = { ...hazard, raise: false };
    expect(recordBody(d).hazards).toEqual([]);
  });

  it('round-trips through storage as JSON and refuses a damaged draft', () => {
    const d = draft();
    expect(draftSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
    expect(draftSchema.safeParse({ ...d, answers: 'x' }).success).toBe(false);
  });
});
