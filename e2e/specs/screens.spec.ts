import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';

/** Screen shapes a clinic mounts: portrait floor stand, landscape wall, tablet. */
const SHAPES = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'tablet', width: 1280, height: 800 },
];

/** Nothing may stick out sideways: a clipped button is a button nobody can press. */
async function expectNoHorizontalOverflow(kiosk: KioskPage): Promise<void> {
  const overflow = await kiosk.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const shape of SHAPES) {
  test(`every screen at ${shape.name} ${shape.width}x${shape.height}`, async ({ kiosk, page }) => {
    await page.setViewportSize({ width: shape.width, height: shape.height });
    const snap = async (name: string) => {
      await expectNoHorizontalOverflow(kiosk);
      await kiosk.snap(`${shape.name}-${name}`);
    };
    await kiosk.expectScreen('welcome');
    await snap('01-welcome');
    await kiosk.start();
    await snap('02-policy');
    await kiosk.choose('I am the patient');
    await snap('03-question');
    await kiosk.answer([false, false, false, true]);
    await kiosk.expectScreen('stay-out');
    await snap('04-stay-out');
    await kiosk.button('Health handouts for you').click();
    await expect(page.locator('[data-handout]').first()).toBeVisible();
    await kiosk.button(/^Add to my pages: /).first().click();
    await snap('05-handouts');
    await kiosk.button(/^Read: /).first().click();
    await expect(kiosk.screen('handout-preview').getByRole('note')).toBeVisible();
    await snap('06-preview');
    await kiosk.button('Close').click();
    await kiosk.button('I\'m done').click();
    await snap('07-done');
    await kiosk.button('I\'m done').click();
    await kiosk.start();
    await kiosk.choose('I am the patient');
    await kiosk.answer([false, false, false, false]);
    await snap('08-come-in');
    await kiosk.openStaffPinPad();
    await snap('09-staff-pin');
    await kiosk.enterPin('1234');
    await expect(kiosk.screen('staff').locator('.staff-counts')).toBeVisible();
    await snap('10-staff');
    await kiosk.button('Back to the kiosk').click();
    await kiosk.chooseLanguage('Español');
    await snap('11-come-in-es');
    await kiosk.button('Hojas de salud para usted').click();
    await kiosk.expectScreen('reason');
    await snap('11b-reason-es');
  });
}

test.describe('turned away', () => {
  test('visitor screen', async ({ kiosk }) => {
    await kiosk.start();
    await kiosk.choose('I am a visitor');
    await kiosk.expectScreen('turned-away');
    await kiosk.snap('portrait-12-turned-away');
  });
});

test.describe('idle warning', () => {
  test.use({ kioskConfig: { idle: { warnAfterSeconds: 2, countdownSeconds: 20 } } });
  test('idle screen', async ({ kiosk, page }) => {
    await page.clock.install();
    await kiosk.start();
    await page.clock.runFor(2_000);
    await kiosk.expectScreen('idle');
    await kiosk.snap('portrait-13-idle');
  });
});

test.describe('guardian', () => {
  test('questions about the patient, then about the guardian', async ({ kiosk }) => {
    await kiosk.start();
    await kiosk.choose('A patient with their parent or guardian');
    await kiosk.snap('portrait-14-guardian-patient-question');
    await kiosk.answer([false, false, false, false]);
    await kiosk.snap('portrait-15-guardian-own-question');
  });
});
