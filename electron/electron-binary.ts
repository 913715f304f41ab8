import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable inside an unpacked Electron folder, per OS. */
export function electronExecutable(distDir: string, platform: NodeJS.Platform = process.platform): string {
  const name = platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  return join(distDir, name);
}

/**
 * The Electron binary this machine already has, without downloading: the folder named by
 * ELECTRON_OVERRIDE_DIST_PATH, else the one the electron package fetched earlier.
 */
export function installedElectron(appRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? electronExecutable(override)
    : existsSync(join(appRoot, 'node_modules/electron/path.txt'))
      ? join(appRoot, 'node_modules/electron/dist', readFileSync(join(appRoot, 'node_modules/electron/path.txt'), 'utf8'))
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}
