import { UNMASKED_ID_NUMBER, UNMASKED_PHONE } from '@gridboard/shared';
import { maskPersonalData, scrubText } from './personal-data';

describe('personal data masking', () => {
  it('masks phone and ID fields by name, at any depth', () => {
    const out = maskPersonalData({
      phone: '13812345678',
      contact: { dutyPhone: 13912345678, idNumber: '420102199001011234' },
      list: [{ mobile: '15012345678' }],
      name: '江汉社区',
    });
    expect(out).toEqual({
      phone: '138****5678',
      contact: { dutyPhone: '139****5678', idNumber: '420102********1234' },
      list: [{ mobile: '150****5678' }],
      name: '江汉社区',
    });
  });

  it("masks a plain name only on people, and residents' names everywhere", () => {
    expect(maskPersonalData({ name: '张三丰', members: [{ name: '李四' }] }, 'household')).toEqual({
      name: '张*丰',
      members: [{ name: '李*' }],
    });
    expect(maskPersonalData({ headName: '王小明' }, 'building')).toEqual({ headName: '王*明' });
  });

  it('scrubs phone and ID numbers out of free text, leaving ids alone', () => {
    const text = scrubText('居民 13812345678 反映，身份证 42010219900101123X，编号 2026-001');
    expect(text).toBe('居民 138****5678 反映，身份证 420102********123X，编号 2026-001');
    expect(UNMASKED_PHONE.test(text) || UNMASKED_ID_NUMBER.test(text)).toBe(false);
    const uuid = 'a1b2c3d4-0000-4000-8000-013812345678';
    expect(scrubText(uuid)).toBe(uuid);
  });
});
