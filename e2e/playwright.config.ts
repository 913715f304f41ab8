import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumSandboxAllowed } from '../electron/web-host/chromium-pdf-renderer';

/**
 * Three projects: `web` drives the web host in the system Chromium (always runs); `electron`
 * drives the Electron shell and skips itself, saying why, where no Electron binary exists;
 * `package` builds the unpacked app with a stand-in Electron and checks what it ships.
 * Each web test starts its own web host with its own config and data folder (see fixtures/).
 */
export default defineConfig({
  testDir: '.',
  outputDir: 'output/test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { outputFolder: 'output/report', open: 'never' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Sandboxed like the web host's own Chromium, except as root, where Chromium has no sandbox.
    launchOptions: { executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, chromiumSandbox: chromiumSandboxAllowed() },
  },
  projects: [
    { name: 'web', testDir: 'specs', use: { viewport: { width: 1080, height: 1920 } } },
    { name: 'electron', testDir: 'electron' },
    // Builds the Linux dir target offline with a stand-in Electron and checks what would ship.
    { name: 'package', testDir: 'specs-packaging', timeout: 15 * 60_000 },
  ],
});
