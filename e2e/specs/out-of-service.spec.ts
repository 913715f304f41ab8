import { expect, test } from '../fixtures/kiosk-host';

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
