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

test('staff take the kiosk out of service and put it back, with the PIN', async ({ kiosk }) => {
  const staff = await kiosk.openStaff();
  await kiosk.button('Take out of service').click();
  // The staff screen stays open over the out-of-service screen, so staff can undo at once.
  await expect(staff.getByTestId('service-state')).toContainText('out of service');
  await kiosk.snap('staff-out-of-service');
  await kiosk.button('Back to the kiosk').click();

  const closed = kiosk.screen('out-of-service');
  await expect(closed).toBeVisible();
  await expect(closed.locator('[lang="en"] h1')).toHaveText('This kiosk is not available right now.');
  await expect(closed.locator('[lang="es"] h1')).toHaveText('Este quiosco no está disponible en este momento.');
  await expect(closed.locator('.staff-problems')).toHaveCount(0);
  await kiosk.snap('out-of-service-by-staff');

  await kiosk.openStaff();
  await kiosk.button('Put back in service').click();
  await kiosk.button('Back to the kiosk').click();
  await kiosk.expectScreen('welcome');
});

test('staff see the week of counts, the recent events and what is loaded', async ({ kiosk, host }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.expectScreen('come-in');

  const staff = await kiosk.openStaff();
  const today = staff.locator('.staff-counts tbody tr').first();
  await expect(today.locator('th')).toHaveText('Today');
  await expect(today.locator('td')).toHaveText(['1', '1', '0', '0', '0']);
  await expect(staff.locator('.staff-counts tbody tr')).toHaveCount(7);
  await expect(staff.locator('[data-event="staff-unlock"]')).toContainText('Staff screen opened');
  await expect(staff.getByTestId('config-file')).toContainText(host.configFile);
  await kiosk.snap('staff-screen');

  await kiosk.button('End this session now').click();
  await kiosk.expectScreen('welcome');
  const again = await kiosk.openStaff();
  await expect(again.locator('[data-event="session-reset"]')).toHaveText(/Session ended by staff/);
});

test('the staff screen closes itself after 2 minutes without a touch, and the session under it ends', async ({ kiosk, page }) => {
  await page.clock.install();
  await kiosk.start();
  const staff = await kiosk.openStaff();
  await page.clock.runFor(90_000);
  await staff.getByRole('heading', { name: 'Staff' }).click();
  await page.clock.runFor(90_000);
  await expect(staff).toBeVisible();
  await page.clock.runFor(31_000);
  await expect(staff).toBeHidden();
  await expect(kiosk.screen('staff-pin')).toBeHidden();
  await kiosk.expectScreen('welcome');
});

test('a PIN pad opened and left alone closes itself, and the session under it ends', async ({ kiosk, page }) => {
  await page.clock.install();
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.openStaffPinPad();
  // The patient's own idle timer waits while the pad is open; the pad's does not.
  await page.clock.runFor(100_000);
  await expect(kiosk.screen('staff-pin')).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(kiosk.screen('staff-pin')).toBeHidden();
  await kiosk.expectScreen('welcome');
});
