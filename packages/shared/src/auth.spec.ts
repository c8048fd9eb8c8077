import { isStrongPassword, loginSchema, passwordClasses } from './auth';

describe('password policy', () => {
  it('wants 10+ characters from three of four classes', () => {
    expect(passwordClasses('abcABC123!')).toBe(4);
    expect(isStrongPassword('Abcdefgh12')).toBe(true);
    expect(isStrongPassword('abcdefgh1!')).toBe(true);
    expect(isStrongPassword('Abcdefg1!')).toBe(false); // 9 characters
    expect(isStrongPassword('abcdefghij12')).toBe(false); // two classes
    expect(isStrongPassword('Demo@2026')).toBe(false); // the public demo password can never be set through the API
  });

  it('folds the username to lower case at login', () => {
    expect(loginSchema.parse({ username: ' Duty1 ', password: 'x' }).username).toBe('duty1');
  });
});
