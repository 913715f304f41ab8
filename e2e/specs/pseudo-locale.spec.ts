import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PSEUDO_LANGUAGES, type PseudoLanguage } from '../../electron/contract/config';
import { demoConfig, merge, startHost } from '../fixtures/kiosk-host';
import { KioskPage } from '../pages/kiosk-page';
import { MARKER, pseudoConfig, say, writePseudoContent } from '../support/pseudo-kiosk';

/**
 * The pseudo-locales (made from English by the renderer) on every screen: any text a person can
 * see or hear (text, aria-label, alt, title, placeholder) without the pseudo-locale's mark was not
 * taken from the strings files, so a translator could never reach it. Config and handout texts
 * are given in the pseudo-locale too, as a clinic would give them in a new language.
 */

/** A card's button name: its label, then the handout's title. */
const startingWith = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `);

/** Text in the session's language that lacks `marker`: numbers, punctuation and single letters (keys, icons) aside. */
async function unmarkedText(page: Page, marker: string): Promise<string[]> {
  return page.evaluate((marker) => {
    const session = document.documentElement.lang;
    const inSession = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? session) === session;
    const words = (text: string) => text.replace(/[\p{N}\p{P}\p{S}\s]/gu, '').length > 1;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      const text = node.textContent!.trim();
      // Not the kiosk's words: what the person typed, dates and times Intl writes in the language
      // itself, and data marked translate="no" (a printer's name, a file path).
      if (el.closest('[role="searchbox"], time, [translate="no"]')) continue;
      if (words(text) && !text.includes(marker) && el.checkVisibility() && inSession(el)) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${text}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [alt], [title], [placeholder]')) {
      if (!el.checkVisibility() || !inSession(el)) continue;
      for (const name of ['aria-label', 'alt', 'title', 'placeholder']) {
        const text = el.getAttribute(name);
        if (text && words(text) && !text.includes(marker)) found.push(`${el.tagName.toLowerCase()}[${name}]: ${text}`);
      }
    }
    return found;
  }, marker);
}

for (const lang of PSEUDO_LANGUAGES) {
  test.describe(`${lang}: every string from the strings files`, () => {
    let contentDir: string;
    test.beforeAll(async () => {
      contentDir = await mkdtemp(join(tmpdir(), `kiosk-${lang}-`));
      await writePseudoContent(contentDir, lang);
    });
    test.afterAll(() => rm(contentDir, { recursive: true, force: true }));

    /** Starts a host offering `lang` and English, with `overrides` on the demo config. */
    async function open(page: Page, overrides: Record<string, unknown> = {}) {
      const started = await startHost(merge(pseudoConfig(await demoConfig(), lang, contentDir), overrides));
      const kiosk = new KioskPage(page, started.host.url);
      await kiosk.open();
      return { kiosk, stop: started.stop, host: started.host };
    }
    const s = (key: string, values?: Record<string, string | number>) => say(lang as PseudoLanguage, key, values);
    const expectAllMarked = async (page: Page, screen: string) => expect(await unmarkedText(page, MARKER[lang]), `${lang} ${screen}`).toEqual([]);

    test('come in, the reason, handouts, search, preview, printing and done', async ({ page }) => {
      const { kiosk, stop } = await open(page);
      try {
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expectAllMarked(page, 'welcome');
        await kiosk.button(s('welcome.start')).click();
        await kiosk.expectScreen('policy');
        await expectAllMarked(page, 'policy');
        await kiosk.button(s('policy.party.patient')).click();
        await kiosk.expectScreen('question');
        await expectAllMarked(page, 'question');
        for (let i = 0; i < 4; i++) await kiosk.button(s('screening.no')).click();
        await kiosk.expectScreen('come-in');
        await expectAllMarked(page, 'come in');
        await kiosk.button(s('outcome.handouts')).click();
        await kiosk.expectScreen('reason');
        await expectAllMarked(page, 'reason');
        await kiosk.button(s('reason.skip')).click();
        await kiosk.expectScreen('handouts');
        // The handouts are the pseudo-locale's own files, found by their file names.
        await expect(page.getByRole('button', { name: startingWith(s('handouts.read')) }).first()).toBeVisible();
        await expectAllMarked(page, 'handouts');

        await page
          .getByRole('button', { name: startingWith(s('handouts.read')) })
          .first()
          .click();
        await kiosk.expectScreen('handout-preview');
        await expectAllMarked(page, 'handout preview');
        await kiosk.button(s('common.close')).click();

        await kiosk.button(s('search.open')).click();
        await expectAllMarked(page, 'search, empty');
        // Letters that fold to themselves in both pseudo-locales' handouts (ç is c, ö is o), as accents do in Spanish.
        for (const letter of 'co') await kiosk.button(s('search.letter', { letter })).click();
        await expect(page.getByRole('button', { name: startingWith(s('handouts.add')) }).first()).toBeVisible();
        await expectAllMarked(page, 'search results');

        await page
          .getByRole('button', { name: startingWith(s('handouts.add')) })
          .first()
          .click();
        await expectAllMarked(page, 'one chosen');
        await kiosk.button(s('handouts.print', { count: 1 })).click();
        await expect(kiosk.screen('printed-done').or(kiosk.screen('printed-slow'))).toBeVisible({ timeout: 30_000 });
        await expectAllMarked(page, 'printed');
        await kiosk.button(s('common.continue')).click();
        await kiosk.expectScreen('done');
        await expectAllMarked(page, 'done');
      } finally {
        await stop();
      }
    });

    test('stay out, a visitor turned away, staff PIN and the staff screen', async ({ page }) => {
      const { kiosk, stop } = await open(page);
      try {
        await kiosk.button(s('welcome.start')).click();
        await kiosk.button(s('policy.party.patient')).click();
        await kiosk.button(s('screening.yes')).click();
        for (let i = 0; i < 3; i++) await kiosk.button(s('screening.no')).click();
        await kiosk.expectScreen('stay-out');
        await expect(page.getByTestId('office-phone')).toBeVisible();
        await expectAllMarked(page, 'stay out');
        await kiosk.button(s('common.finish')).click();

        await kiosk.button(s('welcome.start')).click();
        await kiosk.button(s('policy.party.visitor')).click();
        await kiosk.expectScreen('turned-away');
        await expectAllMarked(page, 'turned away');
        await kiosk.button(s('turnedAway.ok')).click();

        await kiosk.openStaffPinPad();
        await expectAllMarked(page, 'staff PIN');
        for (const digit of '1234') await kiosk.button(s('staff.digit', { digit })).click();
        await kiosk.button(s('staff.enter')).click();
        await kiosk.expectScreen('staff');
        await expectAllMarked(page, 'staff');
      } finally {
        await stop();
      }
    });

    test('the idle warning', async ({ page }) => {
      const { kiosk, stop } = await open(page, { idle: { warnAfterSeconds: 2, countdownSeconds: 60 } });
      try {
        await kiosk.button(s('welcome.start')).click();
        await expect(kiosk.screen('idle')).toBeVisible({ timeout: 10_000 });
        await expectAllMarked(page, 'idle warning');
      } finally {
        await stop();
      }
    });
  });
}

test('a handout chosen in English that the next language lacks is let go on switching, and the rest print', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-en-XA-partial-'));
  await writePseudoContent(dir, 'en-XA');
  await rm(join(dir, 'handouts', 'flu-vaccine.en-XA.md'));
  const { host, stop } = await startHost(merge(pseudoConfig(await demoConfig(), 'en-XA', dir), { languages: ['en', 'en-XA'], defaultLanguage: 'en' }));
  try {
    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    await kiosk.toHandouts();
    await kiosk.button('Add to my pages: The flu shot').click();
    await kiosk.button('Add to my pages: Cover your cough and clean your hands').click();
    await expect(page.locator('.chosen-count')).toHaveText('2 of 3 chosen');
    await kiosk.button(say('en-XA', 'language.name')).click();
    await expect(page.locator('.chosen-count')).toHaveText(say('en-XA', 'handouts.chosen', { count: 1, max: 3 }));
    await kiosk.button(say('en-XA', 'handouts.print', { count: 1 })).click();
    await expect(kiosk.screen('printed-done')).toBeVisible({ timeout: 30_000 });
  } finally {
    await stop();
    await rm(dir, { recursive: true, force: true });
  }
});
