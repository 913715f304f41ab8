import { expect, test } from '../fixtures/kiosk-host';

test('staff end a stuck session with the hold gesture and PIN', async ({ kiosk, page }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  // A short tap on the corner does nothing.
  await page.mouse.click(20, 20);
  await expect(kiosk.screen('staff-pin')).toBeHidden();

  await kiosk.openStaffPinPad();
  await kiosk.enterPin('1234');
  await kiosk.expectScreen('staff');
  await kiosk.button('End this session now').click();
  await kiosk.expectScreen('welcome');
  await expect(kiosk.screen('staff')).toBeHidden();
});

test('"Back to the kiosk" returns to the session where it was', async ({ kiosk, page }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  await kiosk.openStaffPinPad();
  await kiosk.enterPin('1234');
  await kiosk.button('Back to the kiosk').click();
  await expect(page.locator('.progress')).toHaveText('Question 2 of 4');
});

test('five wrong PINs lock the pad, even for the right PIN', async ({ kiosk, page, host }) => {
  await kiosk.openStaffPinPad();
  for (let left = 4; left >= 1; left--) {
    await kiosk.enterPin('9999');
    await expect(page.getByRole('alert')).toHaveText(left === 1 ? 'Wrong PIN. 1 try left.' : `Wrong PIN. ${left} tries left.`);
  }
  await kiosk.enterPin('9999');
  await expect(page.getByRole('alert')).toHaveText('Too many wrong tries. The PIN pad is locked for 5 minutes.');
  await kiosk.enterPin('1234');
  await expect(page.getByRole('alert')).toContainText('locked');
  await expect(kiosk.screen('staff')).toBeHidden();
  // The lockout lives in the host: a reload does not clear it.
  await page.reload();
  await kiosk.openStaffPinPad();
  await kiosk.enterPin('1234');
  await expect(page.getByRole('alert')).toContainText('locked');
  expect(host.output()).toContain('"event":"staff-locked"');
  expect(host.output()).not.toContain('9999');
});
