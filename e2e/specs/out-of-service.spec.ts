import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';

test.describe('a config with a missing translation', () => {
  test.use({ kioskConfig: { screening: { questions: [{ id: 'fever', text: { en: 'Do you have a fever?' } }] } } });

  test('puts the kiosk out of service in every language and names the field for staff', async ({ kiosk, page, host }) => {
    await kiosk.expectScreen('out-of-service');
    await expect(page.getByText('This kiosk is not available right now.')).toBeVisible();
    await expect(page.getByText('Este quiosco no está disponible en este momento.')).toBeVisible();
    await expect(page.locator('.staff-problems')).toContainText('screening.questions.0.text.es');
    await expect(page.locator('.staff-problems')).toContainText('missing the "es" text');
    await expect(page.getByRole('button', { name: /start/i })).toHaveCount(0);
    expect(host.output()).toContain('"event":"config-invalid"');
  });
});

test.describe('a config file that is not JSON', () => {
  test.use({ rawConfig: '{ "clinic": ' });

  test('is out of service with the reason, and the host stays up', async ({ kiosk, page }) => {
    await kiosk.expectScreen('out-of-service');
    await expect(page.locator('.staff-problems')).toContainText('not valid JSON');
  });
});

/** The root font size and contrast the page shows now. */
const display = (kiosk: KioskPage) =>
  kiosk.page.evaluate(() => ({
    fontSize: getComputedStyle(document.documentElement).fontSize,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));

test('the out-of-service screen has text size and contrast too, and the kiosk comes back into service at normal', async ({ kiosk }) => {
  const normal = await display(kiosk);
  await kiosk.openStaff();
  await kiosk.button('Take out of service').click();
  await kiosk.button('Back to the kiosk').click();
  await kiosk.expectScreen('out-of-service');

  await kiosk.button('Extra large text').click();
  await expect(kiosk.button('Extra large text')).toHaveAttribute('aria-pressed', 'true');
  await kiosk.button('High contrast').click();
  await expect(kiosk.button('High contrast')).toHaveAttribute('aria-pressed', 'true');
  const changed = await display(kiosk);
  expect(parseFloat(changed.fontSize)).toBeCloseTo(parseFloat(normal.fontSize) * 1.5);
  expect(changed.background).toBe('rgb(0, 0, 0)');
  await kiosk.snap('out-of-service-x-large-high-contrast');

  await kiosk.openStaff();
  await kiosk.button('Put back in service').click();
  await kiosk.button('Back to the kiosk').click();
  await kiosk.expectScreen('welcome');
  expect(await display(kiosk)).toEqual(normal);
  await expect(kiosk.button('Normal text')).toHaveAttribute('aria-pressed', 'true');
  await expect(kiosk.button('High contrast')).toHaveAttribute('aria-pressed', 'false');
});

test.describe('out of service with a config it cannot read', () => {
  test.use({ rawConfig: '{ "clinic": ' });

  test('offers large text too', async ({ kiosk }) => {
    await kiosk.expectScreen('out-of-service');
    const normal = await display(kiosk);
    await kiosk.button('Large text').click();
    expect(parseFloat((await display(kiosk)).fontSize)).toBeCloseTo(parseFloat(normal.fontSize) * 1.25);
  });
});
