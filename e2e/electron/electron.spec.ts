import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

/** The Electron binary, if this machine has one; the npm package downloads it on first use. */
function electronBinary(): string | undefined {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, 'electron')) ? join(override, 'electron') : undefined;
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const SKIP_REASON = 'no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 to run this project)';
if (!binary) console.log(`[electron project] skipped: ${SKIP_REASON}`);

test('the Electron shell opens the kiosk on Welcome, locked down', async () => {
  test.skip(!binary, SKIP_REASON);
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, KIOSK_CONFIG: join(root, 'content/demo-config.json') } });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-screen="welcome"]')).toBeVisible();
    expect(new URL(window.url()).origin).toBe('app://kiosk');
    // The page has the preload's API and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { kiosk?: unknown }).kiosk)).toBe('object');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
  }
});
