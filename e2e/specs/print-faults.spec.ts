import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';
import type { TestQueue } from '../support/cups';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

// Every printer fault on a real CUPS (one of the test's own, so CUPS itself can go down): the
// patient is told the truth, staff see the truth, and in the end exactly one copy is on paper.

const HANDOUT = 'Fever';

test.use({ useTestQueue: true });

/** A patient adds the Fever handout and presses Print. */
async function print(kiosk: KioskPage): Promise<void> {
  await kiosk.toHandouts();
  await kiosk.button('All topics').click();
  await kiosk.button(`Add to my pages: ${HANDOUT}`).click();
  await kiosk.button('Print my handouts (1)').click();
}

/** A patient prints the Fever handout and is told the printer is not working; the kiosk goes on. */
async function printAndSeeItFail(kiosk: KioskPage): Promise<void> {
  await print(kiosk);
  await kiosk.expectScreen('printed-failed');
  await expect(kiosk.page.getByRole('status')).toHaveText("The printer isn't working right now. Please ask the front desk for a copy.");
  await kiosk.button('Continue').click();
  await kiosk.expectScreen('done');
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
}

/** Exactly one new PDF with the handout, counted once CUPS holds nothing more of the kiosk's that could print. */
async function onePrintedCopy(queue: TestQueue, before: string[]): Promise<void> {
  const [pdf] = await waitForNewPdfs(queue.outDir, before, 1);
  expect(await pdfText(pdf!)).toContain(HANDOUT);
  await expect.poll(() => queue.jobsKnown(), { timeout: 30_000 }).toEqual([]);
  // cups-pdf writes a job's PDF as the job ends: with no job left, a second copy would be here now.
  expect(await pdfsIn(queue.outDir)).toHaveLength(before.length + 1);
}

/** Staff see the failed job and why, fix the printer, retry, and exactly one copy comes out. */
async function retryPrintsOnce(kiosk: KioskPage, queue: TestQueue, reason: RegExp, fix: () => Promise<unknown>): Promise<Locator> {
  const staff = await kiosk.openStaff();
  const job = staff.locator('[data-job]').first();
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job).toContainText(reason);
  await kiosk.snap('portrait-16-staff-failed-job');

  await fix();
  const before = await pdfsIn(queue.outDir);
  await job.getByRole('button', { name: 'Retry' }).click();
  await expect(job).toHaveAttribute('data-state', /printing|done/);
  await refreshUntil(staff, job, 'done', 30_000);
  await expect(job).toContainText('Tried 2 times');
  await expect(job.getByRole('button')).toHaveCount(0);
  await onePrintedCopy(queue, before);
  return staff;
}

/** Presses Refresh on the staff screen until the job's state is `state` (the kiosk learns it by asking CUPS). */
async function refreshUntil(staff: Locator, job: Locator, state: string, timeout: number): Promise<void> {
  await expect(async () => {
    await staff.getByRole('button', { name: 'Refresh' }).click();
    await expect(job).toHaveAttribute('data-state', state, { timeout: 1_000 });
  }).toPass({ timeout });
}

/** A stand-in `lp` first on PATH: runs the real one, and `then` when its arguments match. */
async function lpThat(match: string, then: string): Promise<{ env: NodeJS.ProcessEnv; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-lp-'));
  await writeFile(join(dir, 'lp'), `#!/bin/sh\ncase "$*" in *${match}*) ${then} ;; esac\nexec /usr/bin/lp "$@"\n`);
  await chmod(join(dir, 'lp'), 0o755);
  return { env: { PATH: `${dir}:${process.env.PATH}` }, dispose: () => rm(dir, { recursive: true, force: true }) };
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
  await retryPrintsOnce(kiosk, queue!, /does not exist|no longer exists/i, queue!.recreate);
});

test('a dead device: told, the next patient is warned before choosing, staff see why; retried once after repair', async ({ kiosk, queue, page }) => {
  await queue!.breakDevice();
  await printAndSeeItFail(kiosk);
  // CUPS calls the queue idle again between its own retries: the kiosk asked the device itself.
  await kiosk.toHandouts();
  await expect(page.getByTestId('printing-unavailable')).toHaveText(/printer isn't working right now/);
  await page.reload();
  const staff = await retryPrintsOnce(kiosk, queue!, /offline|unreachable/i, () => queue!.repairDevice());
  await expect(staff.getByTestId('printer-state')).toHaveText('Ready');
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

test('CUPS down when the patient prints: nothing was sent, so it failed; CUPS back, the retry prints once', async ({ kiosk, queue }) => {
  await queue!.cupsDown();
  await printAndSeeItFail(kiosk);
  await retryPrintsOnce(kiosk, queue!, /CUPS is not running/, queue!.cupsUp);
});

test('CUPS going down as a job starts: never called failed, no retry offered; CUPS back, it prints once', async ({ kiosk, queue, host, page }) => {
  // CUPS stops the moment the kiosk gives the job the go-ahead (lp -H resume).
  const pid = queue!.cups.pid;
  const lp = await lpThat('resume', `kill ${pid}; while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`);
  try {
    await host.restart({ ...queue!.env(), ...lp.env });
    await page.reload();
    const before = await pdfsIn(queue!.outDir);
    await print(kiosk);
    // The patient is not told it failed: it is on its way, and the desk can help if not.
    await expect(page.getByRole('status')).toHaveText(/Your pages are on their way/, { timeout: 30_000 });
    await kiosk.button('Continue').click();
    await kiosk.button("I'm done").click();

    const staff = await kiosk.openStaff();
    const job = staff.locator('[data-job]').first();
    await expect(job).toHaveAttribute('data-state', 'unknown');
    await expect(job).toContainText('Not known yet');
    await expect(job).toContainText('It may still print');
    await expect(job.getByRole('button', { name: /Retry|print again/ })).toHaveCount(0);
    await kiosk.snap('portrait-16b-staff-unknown-job');

    await queue!.cupsUp();
    await refreshUntil(staff, job, 'done', 30_000);
    await onePrintedCopy(queue!, before);
  } finally {
    await lp.dispose();
  }
});

test('the host killed between sending a job and recording it: the held job never prints; staff retry once', async ({ kiosk, queue, host, page }) => {
  test.setTimeout(120_000);
  // The host dies the moment lp has handed CUPS the job (held), before it can record its id.
  const lp = await lpThat('hold', '/usr/bin/lp "$@"; kill -9 $PPID; exit 0');
  try {
    await host.restart({ ...queue!.env(), ...lp.env });
    await page.reload();
    const before = await pdfsIn(queue!.outDir);
    await print(kiosk);
    await host.exited();
    await expect.poll(() => queue!.jobsKnown()).toHaveLength(1);
    await host.restart(queue!.env());
    await page.reload();

    const staff = await kiosk.openStaff();
    const job = staff.locator('[data-job]').first();
    await expect(job).toHaveAttribute('data-state', 'unknown');
    await expect(job).toContainText(/restarted while sending/);
    await expect(job.getByRole('button', { name: /Retry|print again/ })).toHaveCount(0);
    // Half a minute on (no live kiosk holds a job that long), the held job is taken back.
    await refreshUntil(staff, job, 'failed', 60_000);
    await expect(job).toContainText('nothing of it printed');
    expect(await pdfsIn(queue!.outDir)).toEqual(before);
    await job.getByRole('button', { name: 'Retry' }).click();
    await refreshUntil(staff, job, 'done', 30_000);
    await onePrintedCopy(queue!, before);
  } finally {
    await lp.dispose();
  }
});

test('a queue deleted just after the job printed: never called failed; if the kiosk did not see it end, staff are asked to check the tray', async ({
  kiosk,
  queue,
}) => {
  const before = await pdfsIn(queue!.outDir);
  await print(kiosk);
  // The queue goes the moment the page is out, before or after the kiosk has seen the job end.
  await waitForNewPdfs(queue!.outDir, before, 1);
  await queue!.remove();
  const staff = await kiosk.openStaff();
  const job = staff.locator('[data-job]').first();
  await expect(job).toHaveAttribute('data-state', /^(done|unknown)$/);
  if ((await job.getAttribute('data-state')) === 'unknown') {
    await expect(job).toContainText('It may have printed');
    await expect(job.getByRole('button', { name: 'Nothing came out: print again' })).toBeVisible();
  } else {
    await expect(job.getByRole('button')).toHaveCount(0);
  }
  expect(await pdfsIn(queue!.outDir)).toHaveLength(before.length + 1);
});

test.describe('limits under a burst', () => {
  test.use({ kioskConfig: { print: { limits: { jobsPerHour: 4 } } } });

  test('eight prints sent at once with room for four: four print, four are refused with 429', async ({ host, queue, page }) => {
    const before = await pdfsIn(queue!.outDir);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => page.request.post(`${host.url}/api/print:submit`, { data: { kind: 'handouts', lang: 'en', ids: ['fever'] } })),
    );
    const results = await Promise.all(
      answers.map(async (answer) => ({ status: answer.status(), body: (await answer.json()) as { ok: boolean; code?: string } })),
    );
    expect(results.filter((r) => r.body.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.body.ok).map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 4 }, () => [429, 'limit']));
    await waitForNewPdfs(queue!.outDir, before, 4);
    await expect.poll(() => queue!.jobsKnown(), { timeout: 30_000 }).toEqual([]);
    expect(await pdfsIn(queue!.outDir)).toHaveLength(before.length + 4);
  });
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
