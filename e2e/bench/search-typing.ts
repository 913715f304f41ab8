import { expect } from '@playwright/test';
import { SEARCH_MIN_LETTERS } from '../../electron/contract/content';
import type { KioskPage } from '../pages/kiosk-page';
import type { KeystrokeTiming } from './page-probe';

/**
 * Types each query on the on-screen keyboard from an empty field (`clear` names the key that
 * empties it), timing every key with the probe of page-probe.ts, each key waited out before the
 * next.
 */
export async function typeQueries(kiosk: KioskPage, queries: string[], clear: string): Promise<Array<{ query: string; keys: KeystrokeTiming[] }>> {
  const typed: Array<{ query: string; keys: KeystrokeTiming[] }> = [];
  for (const query of queries) {
    await kiosk.button(clear).click();
    await expect(kiosk.page.locator('.search-hint')).toBeVisible();
    const keys: KeystrokeTiming[] = [];
    for (let i = 0; i < query.length; i++) {
      const text = query.slice(0, i + 1);
      // The screen searches for the trimmed text, only when that changed (not after a Space), and
      // from the second letter on.
      const searched = text.trim() !== query.slice(0, i).trim() && text.trim().length >= SEARCH_MIN_LETTERS ? text.trim() : null;
      await kiosk.page.evaluate((expected) => window.kioskBench!.armKeystroke(expected), { text, query: searched });
      await kiosk.key(query[i]!).click();
      keys.push(await kiosk.page.evaluate(() => window.kioskBench!.keystroke()));
    }
    typed.push({ query, keys });
  }
  return typed;
}
