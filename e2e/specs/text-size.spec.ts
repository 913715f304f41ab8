import { expect, test, VOICES_TIMEOUT } from '../fixtures/with-speech';
import type { KioskPage } from '../pages/kiosk-page';
import { expectTouchTargets } from '../support/audit';
import { SHAPES } from '../support/layout';

const rootFontSize = (kiosk: KioskPage) => kiosk.page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

/** Reflowed, not clipped: nothing sticks out sideways, and the screen's heading and main action are on screen. */
async function expectReflowed(kiosk: KioskPage, screen: string, action: string | RegExp) {
  await expect(kiosk.page.locator('h1')).toBeInViewport({ ratio: 1 });
  const overflow = await kiosk.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `sideways overflow on ${screen}`).toBeLessThanOrEqual(0);
  await expect(kiosk.button(action).first()).toBeInViewport();
  await expectTouchTargets(kiosk.page, screen, true);
}

for (const shape of SHAPES) {
  test(`extra large text reflows every screen at ${shape.name} ${shape.width}x${shape.height}`, async ({ kiosk, page }) => {
    await page.setViewportSize({ width: shape.width, height: shape.height });
    // The header at its fullest, as on a kiosk with voices: "Read to me" and its volume too.
    await expect(page.locator('.read-aloud-button')).toBeVisible(VOICES_TIMEOUT);
    const normal = await rootFontSize(kiosk);
    await kiosk.button('Extra large text').click();
    await expect(kiosk.button('Extra large text')).toHaveAttribute('aria-pressed', 'true');
    expect(parseFloat(await rootFontSize(kiosk))).toBeCloseTo(parseFloat(normal) * 1.5);
    await expectReflowed(kiosk, 'welcome', /Touch to start/);
    await kiosk.snap(`${shape.name}-text-xl-01-welcome`);
    await kiosk.start();
    await expectReflowed(kiosk, 'policy', 'I am the patient');
    await kiosk.snap(`${shape.name}-text-xl-02-policy`);
    await kiosk.choose('I am the patient');
    await expectReflowed(kiosk, 'question', 'No');
    await kiosk.snap(`${shape.name}-text-xl-03-question`);
    await kiosk.answer([false, false, false, false]);
    await expectReflowed(kiosk, 'come-in', 'Health handouts for you');
    await kiosk.snap(`${shape.name}-text-xl-04-come-in`);
    await kiosk.button('Health handouts for you').click();
    await expectReflowed(kiosk, 'reason', 'Skip');
    await kiosk.snap(`${shape.name}-text-xl-05-reason`);
    await kiosk.button('Skip').click();
    await expect(page.locator('[data-handout]').first()).toBeVisible();
    await expectReflowed(kiosk, 'handouts', "I'm done");
    await kiosk.snap(`${shape.name}-text-xl-06-handouts`);

    // The next person starts at normal size.
    await kiosk.button("I'm done").click();
    await kiosk.button("I'm done").click();
    await kiosk.expectScreen('welcome');
    expect(await rootFontSize(kiosk)).toBe(normal);
  });
}
