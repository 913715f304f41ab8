import { expect, test } from '../fixtures/kiosk-host';

// The screens after Welcome and the other languages' strings are fetched apart from Welcome. A
// tablet's network can drop while they come: the kiosk must never go blank or show string keys.

test('a screen whose code cannot be fetched says "One moment", keeps the header, and shows once it can', async ({ kiosk, page }) => {
  const policyCode = /\/assets\/Policy-[^/]+\.js$/;
  await page.route(policyCode, (route) => route.abort());
  await kiosk.open();
  await kiosk.button('Touch to start').click();
  await expect(page.getByRole('status').filter({ hasText: 'One moment, please…' })).toBeVisible();
  await expect(page.getByText('Riverside Family Clinic')).toBeVisible();
  await page.unroute(policyCode);
  // Tried again every few seconds: the person's place in the flow is kept.
  await kiosk.expectScreen('policy');
});

test('a language whose strings cannot be fetched shows English, never string keys', async ({ kiosk, page }) => {
  await page.route(/\/assets\/es-[^/]+\.js$/, (route) => route.abort());
  await kiosk.open();
  await kiosk.button('Español').click();
  await kiosk.button('Touch to start').click();
  await kiosk.expectScreen('policy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our visitor policy');
  await expect(page.locator('body')).not.toContainText(/\b[a-z]+\.[a-z][A-Za-z]+\b/);
});
