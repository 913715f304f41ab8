import { describe, expect, it } from 'vitest';
import { kioskVersion } from './kiosk-version';

describe('kioskVersion', () => {
  it('reads the version when the host sends one, and nothing otherwise', () => {
    expect(kioskVersion({ version: '0.2.0' })).toBe('0.2.0');
    expect(kioskVersion({ version: ' 0.2.0 ' })).toBe('0.2.0');
    expect(kioskVersion({})).toBeUndefined();
    expect(kioskVersion({ version: '' })).toBeUndefined();
    expect(kioskVersion({ version: 7 })).toBeUndefined();
  });
});
