import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test.use({ kioskConfig: { idle: { doneSeconds: 3 } } });

test('a patient with no symptoms comes in, prints two handouts, and the kiosk starts over', async ({ kiosk, host, page }) => {
  await kiosk.expectScreen('welcome');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Riverside Family Clinic');
  await kiosk.start();
  await expect(page.getByText('No visitors for now.')).toBeVisible();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);

  await kiosk.expectScreen('come-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Please come in/);
  await expect(page.getByText('Please check in at the front desk.')).toBeVisible();

  await kiosk.openHandouts();
  // Suggested after come-in by the shipped content/rules.json.
  await expect(page.locator('[data-handout]')).toHaveCount(2);
  await kiosk.button('All topics').click();
  await kiosk.chooseTopic('Pregnancy');
  await kiosk.button('Read: Leg cramps during pregnancy').click();
  const preview = kiosk.screen('handout-preview');
  await expect(preview.getByRole('heading', { name: 'Leg cramps during pregnancy' })).toBeVisible();
  await expect(preview.getByRole('note')).toContainText('right away');
  await preview.getByRole('button', { name: 'Add to my pages' }).click();
  await preview.getByRole('button', { name: 'Close' }).click();
  await kiosk.chooseTopic('Blood clots');
  await kiosk.button('Add to my pages: Blood clots in the leg (DVT)').click();
  await expect(page.getByText('2 of 3 chosen')).toBeVisible();

  const printed = join(host.dataDir, 'printed');
  const before = await pdfsIn(printed);
  await kiosk.button('Print my handouts (2)').click();
  await kiosk.expectScreen('printed-done');
  await expect(page.getByRole('status')).toHaveText('Your pages are printing. Please take them from the printer.');

  const pdfs = await waitForNewPdfs(printed, before, 2);
  const texts = await Promise.all(pdfs.map(pdfText));
  expect(texts.some((t) => t.includes('Leg cramps during pregnancy'))).toBe(true);
  expect(texts.some((t) => t.includes('Blood clots in the leg'))).toBe(true);
  for (const text of texts) {
    expect(text).toContain('It does not replace advice from your doctor');
    // Page numbers, in the handout's language.
    expect(text).toMatch(/\b1 of \d+\b/);
  }

  await kiosk.button('Continue').click();
  await kiosk.expectScreen('done');
  // Back to Welcome on its own after doneSeconds.
  await kiosk.expectScreen('welcome');

  // Only aggregate counts are stored: no answers, no handout ids, nothing about the person.
  const counts = JSON.parse(await readFile(join(host.dataDir, 'counts.json'), 'utf8')) as Record<string, Record<string, number>>;
  const today = Object.values(counts)[0]!;
  expect(today).toEqual({ sessions: 1, comeIn: 1, stayOut: 0, turnedAway: 0, handoutsPrinted: 2 });
  expect(host.output()).not.toMatch(/"(answer|answers|yes)"/);
});
