import type { Page } from '@playwright/test';
import { expect, test, VOICES_TIMEOUT } from '../fixtures/with-speech';
import type { WalkLanguage } from '../pages/kiosk-page';
import { walkEveryScreen } from '../support/walk';

/**
 * On every screen a patient meets: "Read to me" reads it, and the language can be changed
 * without losing the place. Staff screens and out of service are left out: staff have their own
 * screens, and out of service shows every language at once.
 */
const STAFF_OR_CLOSED = /staff|out-of-service/;

/** The screens showing (a dialog over a screen counts as both), and what marks the place in them. */
function place(page: Page) {
  return page.evaluate(() => {
    const numbers = (selector: string) => document.querySelector(selector)?.textContent?.match(/\d+/g) ?? null;
    return {
      screens: [...document.querySelectorAll<HTMLElement>('.kiosk-view [data-screen]')].map((el) => el.dataset.screen),
      question: numbers('.progress'),
      chosen: numbers('.chosen-count'),
      searched: document.querySelector('[role="searchbox"] .search-text')?.textContent ?? null,
    };
  });
}

for (const language of ['English', 'Español'] as const satisfies WalkLanguage[]) {
  test(`every patient screen is read aloud in ${language}`, async ({ kiosk, page }) => {
    test.setTimeout(180_000);
    await page.addInitScript(() => {
      const heard: string[] = [];
      Object.defineProperty(window, '__heard', { value: heard });
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u) => {
        heard.push(u.text);
        speak(u);
      };
    });
    await page.reload();
    const readButton = page.locator('.read-aloud-button');
    await expect(readButton).toBeVisible(VOICES_TIMEOUT);
    await walkEveryScreen(kiosk, language, async (screen) => {
      // A touch anywhere answers "Are you still there?"; read-aloud.spec reads it to a person who listens.
      if (STAFF_OR_CLOSED.test(screen) || screen.includes('idle')) return;
      const view = page.locator('.kiosk-view [aria-modal="true"]').or(page.locator('.kiosk-view main')).last();
      const heading = (await view.getByRole('heading').first().textContent())!.trim();
      const before = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard.length);
      await readButton.click();
      const heard = () => page.evaluate((n) => (window as unknown as { __heard: string[] }).__heard.slice(n), before);
      await expect.poll(heard, `${screen} is read`).toContainEqual(expect.stringContaining(heading));
      // Search: what was found is read too, not only the search's name.
      if (screen.includes('search')) {
        const found = (await page.locator('.search-results [data-handout]').first().getByRole('heading').textContent())!.trim();
        await expect.poll(heard, 'a search result is read').toContainEqual(expect.stringContaining(found));
      }
      await readButton.click(); // Stop reading
      await expect(readButton).toHaveAttribute('data-speaking', 'false');
    });
  });
}

test('the language can be changed on every patient screen, and the place is kept', async ({ kiosk, page }) => {
  test.setTimeout(180_000);
  await walkEveryScreen(kiosk, 'English', async (screen) => {
    if (STAFF_OR_CLOSED.test(screen) || screen.includes('idle') || screen.includes('welcome')) return;
    const before = await place(page);
    await kiosk.chooseLanguage('Español');
    // The new language's lists take a moment to come; then all is where it was.
    await expect.poll(() => place(page), `${screen} in Spanish`).toEqual(before);
    await kiosk.chooseLanguage('English');
    await expect.poll(() => place(page), `${screen} back in English`).toEqual(before);
  });
});
