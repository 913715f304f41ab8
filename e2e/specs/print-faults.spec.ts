import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';
import type { TestQueue } from '../support/cups';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

const run = promisify(execFile);
const HANDOUT = 'Fever';

test.use({ useTestQueue: true });

/** A patient prints the Fever handout and is told the printer is not working; the kiosk goes on. */
async function printAndSeeItFail(kiosk: KioskPage): Promise<void> {
  await kiosk.toHandouts();
  await kiosk.button('All topics').click();
  await kiosk.button(`Add to my pages: ${HANDOUT}`).click();
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-failed');
  await expect(kiosk.page.getByRole('status')).toHaveText("The printer isn't working right now. Please ask the front desk for a copy.");
  await kiosk.button('Continue').click();
  await kiosk.expectScreen('done');
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
}

/** Staff see the failed job and why, fix the printer, retry, and exactly one copy comes out. */
async function retryPrintsOnce(kiosk: KioskPage, queue: TestQueue, reason: RegExp, fix: () => Promise<unknown>): Promise<void> {
  const staff = await kiosk.openStaff();
  const job = staff.locator('[data-job]').first();
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job).toContainText(reason);
  await kiosk.snap('portrait-16-staff-failed-job');

  await fix();
  const before = await pdfsIn(queue.outDir);
  await job.getByRole('button', { name: 'Retry' }).click();
  await expect(job).toHaveAttribute('data-state', /printing|done/);
  const [pdf] = await waitForNewPdfs(queue.outDir, before, 1);
  expect(await pdfText(pdf!)).toContain(HANDOUT);
  await staff.getByRole('button', { name: 'Refresh' }).click();
  await expect(job).toHaveAttribute('data-state', 'done');
  // Nothing of the failed attempt is left in the queue to print a second copy later.
  await expect.poll(async () => (await run('lpstat', ['-o', queue.name])).stdout.trim()).toBe('');
  expect(await pdfsIn(queue.outDir)).toHaveLength(before.length + 1);
}

test('a stopped printer: the patient is told, staff see "stopped", and a retry prints once', async ({ kiosk, queue }) => {
  await queue!.stop();
  await printAndSeeItFail(kiosk);
  await retryPrintsOnce(kiosk, queue!, /stopped/i, queue!.start);
});

test('a printer that rejects jobs: told, kept with the reason, retried once', async ({ kiosk, queue }) => {
  await queue!.reject();
  await printAndSeeItFail(kiosk);
  await retryPrintsOnce(kiosk, queue!, /not accepting/i, queue!.accept);
});

test('a printer that was deleted: told, kept with the reason, retried once when it is back', async ({ kiosk, queue }) => {
  await queue!.remove();
  await printAndSeeItFail(kiosk);
  await retryPrintsOnce(kiosk, queue!, /does not exist|no longer exists/i, () => queue!.create());
});

test('a printer whose device does not answer: told, kept as offline, retried once after repair', async ({ kiosk, queue }) => {
  await queue!.breakDevice();
  await printAndSeeItFail(kiosk);
  await retryPrintsOnce(kiosk, queue!, /offline|unreachable|stopped/i, () => queue!.repairDevice());
});

test('when the printer is down, the handouts screen says so before the patient chooses', async ({ kiosk, queue, page }) => {
  await queue!.stop();
  // The kiosk checks the printer at start; staff can also check now.
  const staff = await kiosk.openStaff();
  await expect(staff.getByTestId('printer-state')).toHaveText('Not ready');
  await expect(staff).toContainText(/stopped/i);
  await staff.getByRole('button', { name: 'Back to the kiosk' }).click();
  await kiosk.toHandouts();
  await expect(page.getByTestId('printing-unavailable')).toHaveText(/printer isn't working right now/);
  await expect(kiosk.button(/^Add to my pages/)).toHaveCount(0);
  await kiosk.snap('portrait-17-printing-unavailable');
  // Reading still works, and a handout with an online address offers it to the patient's phone.
  await kiosk.button('All topics').click();
  await kiosk.button(`Read: ${HANDOUT}`).click();
  await expect(kiosk.screen('handout-preview').getByRole('note')).toBeVisible();
  await expect(kiosk.screen('handout-preview').getByText('Scan with your phone to read this online')).toBeVisible();
  await kiosk.snap('portrait-18-send-to-phone');
});

test('a host restart in the middle of a job: the job is still listed, with its true state', async ({ kiosk, host, queue, page }) => {
  await queue!.stop(); // the job waits in CUPS while the host goes down
  await kiosk.toHandouts();
  await kiosk.button('All topics').click();
  await kiosk.button(`Add to my pages: ${HANDOUT}`).click();
  const submitted = page.waitForResponse('**/api/print:submit');
  await kiosk.button('Print my handouts (1)').click();
  await submitted;
  await host.restart();
  await page.reload();
  // Listed after the restart, asked anew: on a stopped printer it is failed, with why; then retried once.
  await retryPrintsOnce(kiosk, queue!, /stopped/i, queue!.start);
});
