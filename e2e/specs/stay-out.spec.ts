import { join } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test('a guardian with a cough is asked not to come in, sees the phone number large and prints it', async ({ kiosk, host, page }) => {
  await kiosk.start();
  await kiosk.choose('A patient with their parent or guardian');
  // Both are screened: four questions about the patient, then four about the guardian.
  await expect(page.getByText('About the patient')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Does the patient have a fever, or feel feverish?');
  await kiosk.answer([false, false, false, false]);
  await expect(page.getByText('About you, the parent or guardian')).toBeVisible();
  await expect(page.locator('.progress')).toHaveText('Question 5 of 8');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Do you have a fever, or do you feel feverish?');
  await kiosk.answer([false, true, false, false]);

  await kiosk.expectScreen('stay-out');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Please do not come in today/);
  await expect(page.getByText('ask to speak with a nurse')).toBeVisible();
  const phone = page.getByTestId('office-phone');
  await expect(phone).toHaveText('(555) 010-0199');
  // Readable from a distance: the number is the largest text on the screen.
  const size = await phone.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(64);

  const printed = join(host.dataDir, 'printed');
  const before = await pdfsIn(printed);
  await kiosk.button('Print this phone number').click();
  await kiosk.expectScreen('printed-done');
  const [slip] = await waitForNewPdfs(printed, before, 1);
  const text = await pdfText(slip!);
  expect(text).toContain('(555) 010-0199');
  expect(text).toContain('Ask to speak with a nurse');

  await kiosk.button('Continue').click();
  await kiosk.expectScreen('stay-out');
  // One slip per person: paper is not free.
  await expect(kiosk.button('Print this phone number')).toHaveCount(0);
  await kiosk.button('Health handouts for you').click();
  await expect(page.locator('[data-handout]').first()).toHaveAttribute('data-handout', 'respiratory-illness-home-care');
});

test('Back during screening returns to the previous question and then to the policy', async ({ kiosk, page }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, true]);
  await expect(page.locator('.progress')).toHaveText('Question 3 of 4');
  await kiosk.button('Back').click();
  await expect(page.locator('.progress')).toHaveText('Question 2 of 4');
  await kiosk.button('Back').click();
  await kiosk.button('Back').click();
  await kiosk.expectScreen('policy');
});
