import { defineConfig } from '@playwright/test';
import e2e from '../playwright.config';

/**
 * `npm run bench:chromium`: how fast the health library is in the system Chromium, as a report.
 * A missed target never fails it; something broken (no host, no element) does. Kept apart from
 * the e2e projects, with the web project's browser and screen.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../output/bench-results',
  timeout: 5 * 60_000,
  expect: e2e.expect,
  workers: 1,
  retries: 0,
  reporter: 'list',
  globalSetup: './clear-wait-rows.ts',
  globalTeardown: './write-wait-table.ts',
  use: { ...e2e.use, ...e2e.projects?.find((p) => p.name === 'web')?.use },
});
