import { expect, test } from '../fixtures/kiosk-host';

test.describe('no-visitors policy', () => {
  test.use({ kioskConfig: { idle: { doneSeconds: 30 } } });

  test('a visitor is kindly turned away and the session ends', async ({ kiosk, page }) => {
    await kiosk.start();
    await kiosk.choose('I am a visitor');
    await kiosk.expectScreen('turned-away');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We can't let visitors in today");
    await expect(page.getByText('you are welcome to wait outside')).toBeVisible();
    await kiosk.button('OK').click();
    await kiosk.expectScreen('welcome');
  });
});

test.describe('one-visitor policy', () => {
  test.use({
    kioskConfig: { visitorPolicy: { mode: 'one-visitor', text: { en: 'Each patient may bring one visitor.', es: 'Cada paciente puede traer una visita.' } } },
  });

  test('a visitor is screened like everyone else', async ({ kiosk, page }) => {
    await kiosk.start();
    await expect(page.getByText('Each patient may bring one visitor.')).toBeVisible();
    await kiosk.choose('I am a visitor');
    await expect(page.getByText('About you')).toBeVisible();
    await kiosk.answer([false, false, false, false]);
    await kiosk.expectScreen('come-in');
  });
});

test.describe('open policy', () => {
  test.use({ kioskConfig: { visitorPolicy: { mode: 'open', text: { en: 'Visitors are welcome.', es: 'Las visitas son bienvenidas.' } } } });

  test('a visitor with symptoms is asked not to visit, not to call a nurse', async ({ kiosk, page }) => {
    await kiosk.start();
    await kiosk.choose('I am a visitor');
    await kiosk.answer([true, false, false, false]);
    await kiosk.expectScreen('stay-out');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Please do not visit today/);
    await expect(page.getByText('Please come back when you feel well.')).toBeVisible();
  });
});
