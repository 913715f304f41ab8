import { expect, test } from '../fixtures/kiosk-host';
import { WORDS, type KioskPage } from '../pages/kiosk-page';
import { audit } from '../support/audit';

for (const language of ['English', 'Español'] as const) {
  const w = WORDS[language];
  const begin = async (kiosk: KioskPage) => {
    if (language !== 'English') await kiosk.chooseLanguage(language);
    await audit(kiosk.page, `welcome (${language})`);
    await kiosk.start();
  };

  test(`WCAG 2.2 AA and 48 px targets on the come-in path, handouts, search and staff (${language})`, async ({ kiosk, page }) => {
    await begin(kiosk);
    await audit(page, 'policy');
    await kiosk.choose(w.patient);
    await audit(page, 'question');
    await kiosk.answer([false, false, false, false], w.yes, w.no);
    await kiosk.expectScreen('come-in');
    await audit(page, 'come-in');
    await kiosk.button(w.handouts).click();
    await kiosk.expectScreen('reason');
    await audit(page, 'reason');
    await kiosk.button(w.skip).click();
    await expect(page.locator('[data-handout]').first()).toBeVisible();
    await audit(page, 'handouts');
    await kiosk.button(w.read).first().click();
    await expect(kiosk.screen('handout-preview').getByRole('note')).toBeVisible();
    await audit(page, 'handout preview');
    await kiosk.button(w.close).click();
    await kiosk.button(w.search).click();
    await audit(page, 'search');
    await kiosk.openStaffPinPad();
    await audit(page, 'staff PIN');
    await kiosk.enterPin('1234');
    await expect(kiosk.screen('staff').locator('.staff-counts')).toBeVisible();
    await audit(page, 'staff');
    await kiosk.button(w.back).click();
    await kiosk.button(w.done).click();
    await kiosk.expectScreen('done');
    await audit(page, 'done');
  });

  test(`WCAG 2.2 AA and 48 px targets on the stay-out and visitor paths (${language})`, async ({ kiosk, page }) => {
    await begin(kiosk);
    await kiosk.choose(w.patient);
    await kiosk.answer([true, false, false, false], w.yes, w.no);
    await kiosk.expectScreen('stay-out');
    await audit(page, 'stay-out');
    await kiosk.button(w.done).click();
    await kiosk.button(w.done).click();
    await kiosk.expectScreen('welcome');
    if (language !== 'English') await kiosk.chooseLanguage(language);
    await kiosk.start();
    await kiosk.choose(w.visitor);
    await kiosk.expectScreen('turned-away');
    await audit(page, 'turned away');
  });
}

test('WCAG 2.2 AA (contrast included) and 48 px targets in high contrast', async ({ kiosk, page }) => {
  await kiosk.button('High contrast').click();
  await expect(kiosk.button('High contrast')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(0, 0, 0)');
  await audit(page, 'welcome, high contrast');
  await kiosk.start();
  await audit(page, 'policy, high contrast');
  await kiosk.choose('I am the patient');
  await audit(page, 'question, high contrast');
  await kiosk.snap('portrait-high-contrast-question');
  await kiosk.answer([false, true, false, false]);
  await kiosk.expectScreen('stay-out');
  await audit(page, 'stay-out, high contrast');
  await kiosk.snap('portrait-high-contrast-stay-out');
  await kiosk.button('Health handouts for you').click();
  await expect(page.locator('[data-handout]').first()).toBeVisible();
  await audit(page, 'handouts, high contrast');
  await kiosk.snap('portrait-high-contrast-handouts');
});

test.describe('the idle warning', () => {
  test.use({ kioskConfig: { idle: { warnAfterSeconds: 2, countdownSeconds: 20 } } });
  test('WCAG 2.2 AA and 48 px targets on the idle warning', async ({ kiosk, page }) => {
    await page.clock.install();
    await kiosk.start();
    await page.clock.runFor(2_000);
    await kiosk.expectScreen('idle');
    await audit(page, 'idle warning');
  });
});

test.describe('out of service', () => {
  test.use({ rawConfig: '{ "clinic": ' });
  test('WCAG 2.2 AA and 48 px targets on the out-of-service screen (no valid config: only text size and contrast to press)', async ({ kiosk, page }) => {
    await kiosk.expectScreen('out-of-service');
    await audit(page, 'out of service');
  });
});
