import { expect, test } from '../fixtures/desk-host';
import { onSmallDisk } from '../support/small-disk';

test('the staff host serves the desk page over HTTPS, and nothing of the kiosk', async ({ desk }) => {
  await desk.open();
  expect(desk.page.url()).toBe(`${desk.url}/`);
  const request = desk.page.request;
  expect((await request.get(`${desk.url}/index.html`)).status()).toBe(404);
  expect((await request.get(`${desk.url}/print.html`)).status()).toBe(404);
  const sameOrigin = { Origin: desk.url, 'Content-Type': 'application/json' };
  const contentList = await request.post(`${desk.url}/api/content:list`, { headers: sameOrigin, data: { lang: 'en' } });
  expect(contentList.status()).toBe(404);
  const foreign = await request.post(`${desk.url}/api/staff:unlock`, { headers: { ...sameOrigin, Origin: 'https://evil.example' }, data: { pin: '1234' } });
  expect(foreign.status()).toBe(403);
});

test('a wrong PIN shows the tries left; the right one shows the kiosk and the printer', async ({ desk, host }) => {
  await desk.open();
  await desk.enterPin('9999', 'keyboard');
  await expect(desk.pinMessage).toHaveText('Wrong PIN. 4 tries left.');
  await expect(desk.page.getByTestId('pin-dots')).not.toContainText('●');
  await desk.snap('pin-wrong');
  // Backspace takes back a digit typed by mistake.
  await desk.page.keyboard.type('12345');
  await desk.page.keyboard.press('Backspace');
  await expect(desk.page.getByTestId('pin-dots')).toHaveText('●●●●');
  await desk.page.keyboard.press('Enter');
  await expect(desk.status).toBeVisible();
  await expect(desk.serviceState).toHaveText('In service');
  await expect(desk.printerState).toHaveText('Ready');
  await expect(desk.button('End the current session')).toBeEnabled();
  await desk.snap('status');
  expect(host.output()).not.toContain('9999');
});

test('the desk ends a patient’s session, takes the kiosk out of service and puts it back', async ({ desk, kiosk }) => {
  // A patient is mid-way through screening on the kiosk.
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  await expect(kiosk.page.locator('.progress')).toHaveText('Question 2 of 4');

  await desk.open();
  await desk.unlock('1234');
  await desk.endSession();
  await kiosk.expectScreen('welcome');
  await desk.snap('session-ended');

  await desk.takeOutOfService();
  await expect(desk.button('End the current session')).toBeDisabled();
  await kiosk.expectScreen('out-of-service');
  await desk.snap('out-of-service');

  await desk.putBackInService();
  await kiosk.expectScreen('welcome');

  await desk.lock();
  await expect(desk.pinMessage).toHaveText('Locked. Enter the PIN to continue.');
  await expect(desk.page.getByTestId('pin-dots')).not.toContainText('●');
});

test('the desk page locks itself after 2 minutes unused', async ({ desk }) => {
  await desk.page.clock.install();
  await desk.open();
  await desk.unlock('1234', 'keyboard');
  await desk.page.clock.fastForward('01:50');
  await expect(desk.status).toBeVisible();
  await desk.page.clock.fastForward('00:15');
  await expect(desk.pinPad).toBeVisible();
  await expect(desk.pinMessage).toHaveText('The desk page locked itself after 2 minutes without use. Enter the PIN again.');
});

test('a token the host no longer takes returns the desk to the PIN pad', async ({ desk }) => {
  await desk.open();
  await desk.unlock('1234');
  // As the host answers once the token has lapsed (or the kiosk restarted): 403 with the Result.
  await desk.page.route('**/api/staff:set-service', (route) =>
    route.fulfill({
      status: 403,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, code: 'forbidden', message: 'the staff screen is locked: enter the PIN again' }),
    }),
  );
  await desk.button('Take out of service').click();
  await expect(desk.pinPad).toBeVisible();
  await expect(desk.pinMessage).toHaveText('The desk page locked itself after 2 minutes without use. Enter the PIN again.');
});

test.describe('on a read-only data folder', () => {
  // A function-valued option is given through a fixture function.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  test.use({ prepareDataDir: async ({}, use) => use(onSmallDisk((disk) => disk.readOnly())) });

  test('the desk sees that the kiosk cannot save, and a service change is refused with the reason', async ({ desk, host }) => {
    await desk.open();
    await desk.unlock('1234');
    await expect(desk.page.getByTestId('save-problem').first()).toHaveText(
      `The kiosk cannot save to its data folder (${host.dataDir}: read-only). Patients can still use it, ` +
        'but counts and print jobs will be lost when it restarts, and it cannot be taken out of service or put back. Ask IT.',
    );
    await desk.snap('status-data-folder-read-only');
    await desk.button('Take out of service').click();
    await expect(desk.page.getByTestId('desk-message')).toHaveText(
      `That did not work: The kiosk could not save this change, so nothing changed: its data folder ${host.dataDir} is read-only. Ask IT.`,
    );
    await expect(desk.serviceState).toHaveText('In service');
  });
});
