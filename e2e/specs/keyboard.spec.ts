import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';

/** Presses Tab until `name` has the focus (as a switch device or keypad would step), and checks its focus ring. */
async function tabTo(kiosk: KioskPage, name: string | RegExp) {
  const target = kiosk.button(name).first();
  for (let presses = 0; presses < 25 && !(await target.evaluate((el) => el === document.activeElement)); presses++) await kiosk.page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style, `focus ring on ${String(name)}`).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(3);
}

test('the whole come-in path works with the keyboard alone (Tab, Enter, Space), with a visible focus ring', async ({ kiosk, page }) => {
  await tabTo(kiosk, /Touch to start/);
  await page.keyboard.press('Enter');
  await kiosk.expectScreen('policy');
  await tabTo(kiosk, 'I am the patient');
  await page.keyboard.press('Space');
  for (let question = 1; question <= 4; question++) {
    await expect(page.locator('.progress')).toHaveText(`Question ${question} of 4`);
    await tabTo(kiosk, 'No');
    await page.keyboard.press(question % 2 ? 'Enter' : 'Space');
  }
  await kiosk.expectScreen('come-in');
  await tabTo(kiosk, 'Health handouts for you');
  await page.keyboard.press('Enter');
  await kiosk.expectScreen('reason');
  await tabTo(kiosk, 'Pregnancy');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-handout]').first()).toBeVisible();
  await tabTo(kiosk, /^Add to my pages: /);
  await page.keyboard.press('Space');
  await expect(page.getByText('1 of 3 chosen')).toBeVisible();
  await tabTo(kiosk, 'Extra large text');
  await page.keyboard.press('Enter');
  await expect(kiosk.button('Extra large text')).toHaveAttribute('aria-pressed', 'true');
});

test("arrow keys step through a screen's answers, round and round", async ({ kiosk, page }) => {
  await kiosk.start();
  await tabTo(kiosk, 'I am the patient');
  await page.keyboard.press('ArrowDown');
  await expect(kiosk.button('A patient with their parent or guardian')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  // From the first answer, up goes round to the last action.
  await expect(page.locator('.screen-actions button').last()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(kiosk.button('I am the patient')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByText('About the patient')).toBeVisible();
});
