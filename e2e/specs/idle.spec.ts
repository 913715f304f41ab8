import { expect, test } from '../fixtures/kiosk-host';

test.use({ kioskConfig: { idle: { warnAfterSeconds: 2, countdownSeconds: 3 } } });

test('an idle session warns with a countdown, "I need more time" keeps it, and then it resets leaving nothing', async ({ kiosk, page }) => {
  // The page's timers run on Playwright's clock, so the test moves time instead of waiting.
  await page.clock.install();
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([true, false]);
  await expect(page.locator('.progress')).toHaveText('Question 3 of 4');

  const warning = kiosk.screen('idle');
  await page.clock.runFor(2_000);
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('heading')).toHaveText('Are you still there?');
  await expect(page.getByTestId('idle-seconds')).toHaveText(/^[1-3]$/);
  // A click with no pointer or key before it (screen reader, switch access) must restart the timer too.
  await kiosk.button('I need more time').dispatchEvent('click');
  await expect(warning).toBeHidden();
  await page.clock.runFor(1_500);
  await expect(warning).toBeHidden();
  await expect(page.locator('.progress')).toHaveText('Question 3 of 4');

  // Left alone again: warned, then reset to Welcome.
  await page.clock.runFor(1_000);
  await expect(warning).toBeVisible();
  await page.clock.runFor(3_000);
  await kiosk.expectScreen('welcome');
  await expect(warning).toBeHidden();

  // Nothing of the session is left: no storage, and a new session starts from the first question.
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
  expect(stored).toEqual({ local: 0, session: 0, cookies: '' });
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await expect(page.locator('.progress')).toHaveText('Question 1 of 4');
});

test('the welcome screen never times out', async ({ kiosk, page }) => {
  await page.clock.install();
  await kiosk.expectScreen('welcome');
  // Much longer than warn + countdown: still welcome, no warning.
  await page.clock.runFor(60_000);
  await expect(kiosk.screen('idle')).toBeHidden();
  await kiosk.expectScreen('welcome');
});

test('a language chosen on Welcome and left behind goes back to the default for the next person', async ({ kiosk, page }) => {
  await page.clock.install();
  await kiosk.chooseLanguage('Español');
  await page.clock.runFor(2_000);
  await expect(kiosk.screen('idle')).toBeVisible();
  await page.clock.runFor(3_000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Riverside Family Clinic');
});

test('WCAG 2.2.1: the time can be extended again and again (12 times here), each with a warning first', async ({ kiosk, page }) => {
  await page.clock.install();
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  const warning = kiosk.screen('idle');
  for (let extension = 1; extension <= 12; extension++) {
    await page.clock.runFor(2_000);
    await expect(warning, `warning ${extension}`).toBeVisible();
    await kiosk.button('I need more time').click();
    await expect(warning).toBeHidden();
  }
  await expect(page.locator('.progress')).toHaveText('Question 2 of 4');
});
