import { join, resolve } from 'node:path';
import { installedElectron } from '../../electron/electron-binary';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

const binary = installedElectron(root);
const SKIP_REASON = 'no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 to run this project)';
if (!binary) console.log(`[electron project] skipped: ${SKIP_REASON}`);

test('the Electron shell opens the kiosk on Welcome, locked down', async () => {
  test.skip(!binary, SKIP_REASON);
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, KIOSK_CONFIG: join(root, 'content/demo-config.json') } });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="welcome"]')).toBeVisible();
    // Node's URL gives custom schemes an opaque origin, so compare scheme and host.
    const url = new URL(page.url());
    expect([url.protocol, url.host]).toEqual(['app:', 'kiosk']);
    // Navigation away is refused: the page stays on the kiosk.
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await expect(page.locator('[data-screen="welcome"]')).toBeVisible();
    expect(new URL(page.url()).host).toBe('kiosk');
    // The page has the preload's API and nothing of Node.
    expect(await page.evaluate(() => typeof (window as unknown as { kiosk?: unknown }).kiosk)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
  }
});
