import { maskIdNumber, maskName, maskPhone, UNMASKED_ID_NUMBER, UNMASKED_PHONE } from './masking';

describe('masking', () => {
  it('masks phones, ID numbers and names the way street offices print them', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskPhone(null)).toBeNull();
  });

  it('leaves nothing the leak detectors would flag', () => {
    expect(UNMASKED_PHONE.test(maskPhone('13812345678')!)).toBe(false);
    expect(UNMASKED_ID_NUMBER.test(maskIdNumber('11010519900101123X')!)).toBe(false);
    expect(UNMASKED_PHONE.test('电话 13812345678')).toBe(true);
    expect(UNMASKED_ID_NUMBER.test('身份证 11010519900101123X')).toBe(true);
  });
});
