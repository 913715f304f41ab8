import { describe, expect, it } from 'vitest';
import { displayPhone, isPhoneCountry, isPossiblePhone } from './phone';

describe('displayPhone', () => {
  it('groups a number the way its country writes it, however it was typed', () => {
    expect(displayPhone('(555) 010-0199', 'US')).toBe('(555) 010-0199');
    expect(displayPhone('555.010.0199', 'US')).toBe('(555) 010-0199');
    expect(displayPhone('5512345678', 'MX')).toBe('55 1234 5678');
    expect(displayPhone('02079460958', 'GB')).toBe('020 7946 0958');
  });

  it('gives a number in another country its country code', () => {
    expect(displayPhone('+44 20 7946 0958', 'US')).toBe('+44 20 7946 0958');
  });

  it('leaves a number it cannot read as it was', () => {
    expect(displayPhone('911', 'US')).toBe('911');
  });
});

describe('isPossiblePhone and isPhoneCountry', () => {
  it('takes a whole number, not a short one or a local one without its area code', () => {
    expect(isPossiblePhone('(555) 010-0199', 'US')).toBe(true);
    expect(isPossiblePhone('555-0100', 'US')).toBe(false);
    expect(isPossiblePhone('12', 'US')).toBe(false);
  });

  it('knows country codes, not names', () => {
    expect(isPhoneCountry('MX')).toBe(true);
    expect(isPhoneCountry('Mexico')).toBe(false);
    expect(isPhoneCountry('us')).toBe(false);
  });
});
