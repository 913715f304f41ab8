import { expect, test } from '../fixtures/kiosk-host';
import { CUPS_PDF_OUT, CUPS_QUEUE, pdfPages, pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test.use({ kioskConfig: { print: { spooler: { type: 'cups', printer: CUPS_QUEUE } } } });

test('a handout prints end to end through CUPS into the cups-pdf queue', async ({ kiosk }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.button('Health handouts for you').click();
  await kiosk.button('Pregnancy').click();
  await kiosk.button('Add to my pages: Leg cramps during pregnancy').click();

  const before = await pdfsIn(CUPS_PDF_OUT);
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-done');

  const [pdf] = await waitForNewPdfs(CUPS_PDF_OUT, before, 1);
  const text = await pdfText(pdf!);
  expect(text).toContain('Leg cramps during pregnancy');
  expect(text).toContain('It does not replace advice from your doctor');
  expect(text).toMatch(/Current as of November 15, 2026/);
  expect(text).toContain('Riverside Family Clinic');
  // Disclaimer and date on every page.
  const pages = await pdfPages(pdf!);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(text.split('\f').filter((p) => p.trim()).every((p) => p.includes('Current as of'))).toBe(true);
});

test.describe('with a printer that is gone', () => {
  test.use({ kioskConfig: { print: { spooler: { type: 'cups', printer: 'kiosk-no-such-queue' } } } });

  test('the patient is told to ask the front desk and can go on; the log says why', async ({ kiosk, page, host }) => {
    await kiosk.start();
    await kiosk.choose('I am the patient');
    await kiosk.answer([false, false, false, false]);
    await kiosk.button('Health handouts for you').click();
    await kiosk.button('Add to my pages: Cover your cough and clean your hands').click();
    await kiosk.button('Print my handouts (1)').click();
    await kiosk.expectScreen('printed-failed');
    await expect(page.getByRole('status')).toHaveText("The printer isn't working right now. Please ask the front desk for a copy.");
    await kiosk.button('Continue').click();
    await kiosk.expectScreen('done');
    expect(host.output()).toMatch(/"event":"print-spool-failed".*kiosk-no-such-queue/);
  });
});
