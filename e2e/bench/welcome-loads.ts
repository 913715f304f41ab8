import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { watchWelcome } from './tap-probe';

// For the touch-UI bench: a page opened in a new or a warm browser context and timed to the
// Welcome heading painted, and the scripts it loaded.

/** The kiosk's portrait touch screen. */
export const VIEWPORT = { width: 1080, height: 1920 };

/** One page opened in a new browser context. */
export interface Load {
  /** New context → the Welcome heading painted, seen from the test (Node's clock). */
  wallMs: number;
  /** Navigation start → the heading painted (the page's clock). */
  pageMs: number;
  /** JavaScript run before it was painted (CDP ScriptDuration, read just after). */
  scriptMs: number;
  scripts: Array<{ path: string; beforePaint: boolean }>;
}

/** Opens `url` in a new browser context (empty cache) and times it to the Welcome heading painted. */
export async function loadWelcome(browser: Browser, url: string): Promise<Load> {
  const started = performance.now();
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(watchWelcome);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'commit' });
    const pageMs = await page.evaluate(() => window.welcomePainted!);
    const wallMs = performance.now() - started;
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptMs = 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN);
    const scripts = await page.evaluate(
      (paintedAt) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
          .map((entry) => ({ path: new URL(entry.name).pathname, beforePaint: (entry as PerformanceResourceTiming).responseEnd <= paintedAt })),
      pageMs,
    );
    return { wallMs, pageMs, scriptMs, scripts };
  } finally {
    await context.close();
  }
}

/**
 * A kiosk's browser keeps its profile across restarts: opens `url` three times in one context
 * and times the third from navigation start to the Welcome heading painted (page clock), with the
 * HTTP cache and V8's code cache warm (Chromium keeps a script's compiled code from its second run).
 */
export async function warmWelcome(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(watchWelcome);
    const page = await context.newPage();
    let pageMs = NaN;
    for (let visit = 0; visit < 3; visit++) {
      await page.goto(url, { waitUntil: 'commit' });
      pageMs = await page.evaluate(() => window.welcomePainted!);
      // Let it settle as a kiosk at rest would (its later screens fetched, the code cache written).
      await page.waitForTimeout(1500);
    }
    return pageMs;
  } finally {
    await context.close();
  }
}

/** The scripts a page loaded (and later ones, after a pause), gzip-compressed as the issue counts them, in KB. */
export async function gzipKb(dir: string, paths: string[]): Promise<number> {
  const sizes = await Promise.all(paths.map(async (path) => gzipSync(await readFile(join(dir, path))).length));
  return Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10;
}

/** The scripts a page has loaded once it has been left alone for `ms` after Welcome (what it loads for the screens after). */
export async function scriptsAfterRest(browser: Browser, url: string, ms: number): Promise<string[]> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-screen="welcome"] h1').waitFor();
    await page.waitForTimeout(ms);
    return page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((path) => path.endsWith('.js')),
    );
  } finally {
    await context.close();
  }
}
