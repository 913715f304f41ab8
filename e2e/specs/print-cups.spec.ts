import { expect, test } from '../fixtures/kiosk-host';
import { pdfPages, pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test.use({ useTestQueue: true });

test('a handout prints end to end through CUPS into the cups-pdf queue', async ({ kiosk, queue }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.openHandouts();
  await kiosk.chooseTopic('Pregnancy');
  await kiosk.button('Add to my pages: Leg cramps during pregnancy').click();

  const before = await pdfsIn(queue!.outDir);
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-done');

  const [pdf] = await waitForNewPdfs(queue!.outDir, before, 1);
  const text = await pdfText(pdf!);
  expect(text).toContain('Leg cramps during pregnancy');
  expect(text).toContain('It does not replace advice from your doctor');
  expect(text).toMatch(/Current as of November 15, 2026/);
  expect(text).toContain('Riverside Family Clinic');
  // Disclaimer and date on every page.
  const pages = await pdfPages(pdf!);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(
    text
      .split('\f')
      .filter((p) => p.trim())
      .every((p) => p.includes('Current as of')),
  ).toBe(true);
});
