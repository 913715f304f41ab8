import { existsSync } from 'node:fs';
import { posix, resolve, win32 } from 'node:path';
import { APP_FOLDER } from '../paths';

/** The product name as installers spell it (folders under ProgramData and Library). */
const PRODUCT_NAME = 'Clinic Entrance Kiosk';

/** Where IT puts the config file on each OS when neither --config nor KIOSK_CONFIG is given. */
export function defaultConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', PRODUCT_NAME, 'config.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support', PRODUCT_NAME, 'config.json');
  return posix.join('/etc', APP_FOLDER, 'config.json');
}

/** The config file to use and how it was found (logged, and shown to staff). */
export interface ConfigChoice {
  path: string;
  from: '--config' | 'KIOSK_CONFIG' | 'default location';
}

/**
 * `--config FILE` (or `--config=FILE`) wins, then KIOSK_CONFIG, then the OS's default location
 * if a file is there. Undefined when none applies: the caller decides between the demo config
 * (development, the web host) and out of service (an installed kiosk).
 */
export function chooseConfigPath(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): ConfigChoice | undefined {
  const at = argv.indexOf('--config');
  const flag = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  if (flag) return { path: resolve(flag), from: '--config' };
  if (env.KIOSK_CONFIG) return { path: resolve(env.KIOSK_CONFIG), from: 'KIOSK_CONFIG' };
  const fallback = defaultConfigPath(platform, env);
  return exists(fallback) ? { path: fallback, from: 'default location' } : undefined;
}
