import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseConfigPath, defaultConfigPath } from './config-location';

describe('defaultConfigPath', () => {
  it('is the documented place on each OS', () => {
    expect(defaultConfigPath('linux', {})).toBe('/etc/clinic-entrance-kiosk/config.json');
    expect(defaultConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Clinic Entrance Kiosk\\config.json');
    expect(defaultConfigPath('win32', {})).toBe('C:\\ProgramData\\Clinic Entrance Kiosk\\config.json');
    expect(defaultConfigPath('darwin', {})).toBe('/Library/Application Support/Clinic Entrance Kiosk/config.json');
  });
});

describe('chooseConfigPath', () => {
  const nothingThere = () => false;
  it('takes --config first, in both spellings, then KIOSK_CONFIG', () => {
    const env = { KIOSK_CONFIG: '/srv/env.json' };
    expect(chooseConfigPath(['app', '--config', 'a.json'], env, 'linux', nothingThere)).toEqual({ path: resolve('a.json'), from: '--config' });
    expect(chooseConfigPath(['app', '--config=/x/b.json'], env, 'linux', nothingThere)).toEqual({ path: '/x/b.json', from: '--config' });
    expect(chooseConfigPath(['app'], env, 'linux', nothingThere)).toEqual({ path: '/srv/env.json', from: 'KIOSK_CONFIG' });
  });

  it('falls back to the default location only when a file is there', () => {
    expect(chooseConfigPath(['app'], {}, 'linux', (p) => p === '/etc/clinic-entrance-kiosk/config.json')).toEqual({
      path: '/etc/clinic-entrance-kiosk/config.json',
      from: 'default location',
    });
    expect(chooseConfigPath(['app'], {}, 'linux', nothingThere)).toBeUndefined();
  });
});
