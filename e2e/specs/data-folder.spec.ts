import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SmallDisk } from '../../electron/testing/small-disk';
import { demoConfig, expect, merge, startHost, test, type KioskHost } from '../fixtures/kiosk-host';
import { KioskPage } from '../pages/kiosk-page';
import { pdfsIn } from '../support/pdf';
import { onSmallDisk } from '../support/small-disk';

// The web host on a data folder it cannot write: it comes up, serves patients, logs to stderr,
// and the staff screen says what cannot be saved. Each test starts its own host on a prepared
// data folder: a real read-only or full disk (a small tmpfs, which needs root), a file in the
// way, or the leftovers of a kill mid-write.

/** PDFs go beside the config, so the printer works whatever happens to the data folder. */
const config = async () => merge(await demoConfig(), { print: { spooler: { type: 'folder', folder: 'printed' } } });

/** The JSON lines the host wrote to stderr. */
const loggedLines = (host: KioskHost) =>
  host
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Welcome → come in → one suggested handout printed → the kiosk says it is printing. */
async function comeInAndPrint(kiosk: KioskPage, host: KioskHost): Promise<void> {
  const printed = join(dirname(host.configFile), 'printed');
  const before = await pdfsIn(printed);
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.expectScreen('come-in');
  await kiosk.openHandouts();
  await kiosk
    .button(/^Add to my pages: /)
    .first()
    .click();
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-done');
  await expect.poll(async () => (await pdfsIn(printed)).length).toBe(before.length + 1);
}

test('a read-only data folder: the kiosk comes up, serves a patient, and staff are told; taking it out of service is refused', async ({ page, request }) => {
  const { host, stop } = await startHost(await config(), { prepareDataDir: onSmallDisk((disk) => disk.readOnly()) });
  try {
    const state = await request.post(`${host.url}/api/kiosk:state`, { data: {} });
    expect(await state.json()).toMatchObject({ ok: true, value: { status: 'ready' } });
    // stderr has the exact cause of each.
    expect(loggedLines(host)).toContainEqual(
      expect.objectContaining({ event: 'log-file-unwritable', file: join(host.dataDir, 'logs', 'kiosk.log'), code: 'EROFS' }),
    );
    expect(loggedLines(host)).toContainEqual(expect.objectContaining({ event: 'data-folder-unwritable', folder: host.dataDir, code: 'EROFS' }));

    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    await comeInAndPrint(kiosk, host);

    const staff = await kiosk.openStaff();
    const problems = staff.getByTestId('save-problems');
    await expect(problems.locator('[data-place="data"]')).toHaveText(
      `The kiosk cannot save to its data folder (${host.dataDir}: read-only). Patients can still use it, ` +
        'but counts and print jobs will be lost when it restarts, and it cannot be taken out of service or put back. Ask IT.',
    );
    await expect(problems.locator('[data-place="logs"]')).toHaveText(
      `The kiosk cannot write its log in ${join(host.dataDir, 'logs')} (read-only). Patients can still use it. Ask IT.`,
    );
    // Counted and printed all the same, in memory.
    await expect(staff.locator('.staff-counts tbody tr').first().locator('td')).toHaveText(['1', '1', '0', '0', '1']);
    await kiosk.snap('staff-data-folder-read-only');

    await kiosk.button('Take out of service').click();
    await expect(staff.getByRole('alert')).toHaveText(
      `The kiosk could not save this change, so nothing changed: its data folder ${host.dataDir} is read-only. Ask IT.`,
    );
    await expect(staff.getByTestId('service-state')).toHaveText('The kiosk is in service.');
    await kiosk.button('Back to the kiosk').click();
    await kiosk.expectScreen('printed-done');
  } finally {
    await stop();
  }
});

test('a file where logs/ should be: the kiosk comes up, logs to stderr, and staff are told; the data folder still works', async ({ page }) => {
  const { host, stop } = await startHost(await config(), {
    prepareDataDir: async (dataDir) => {
      await mkdir(dataDir);
      await writeFile(join(dataDir, 'logs'), 'not a folder');
    },
  });
  try {
    expect(loggedLines(host)[0]).toMatchObject({
      event: 'log-file-unwritable',
      file: join(host.dataDir, 'logs', 'kiosk.log'),
      action: 'logging to stderr only',
    });
    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    const staff = await kiosk.openStaff();
    const problems = staff.getByTestId('save-problems');
    await expect(problems.locator('[data-place="logs"]')).toHaveText(
      `The kiosk cannot write its log in ${join(host.dataDir, 'logs')} (a file or folder is in the way). Patients can still use it. Ask IT.`,
    );
    await expect(problems.locator('[data-place="data"]')).toHaveCount(0);
    await kiosk.button('Take out of service').click();
    await expect(staff.getByTestId('service-state')).toHaveText(/out of service/);
    expect(JSON.parse(await readFile(join(host.dataDir, 'service.json'), 'utf8'))).toEqual({ inService: false });
    await kiosk.button('Put back in service').click();
    await expect(staff.getByTestId('service-state')).toHaveText('The kiosk is in service.');
  } finally {
    await stop();
  }
});

test('a full disk: the kiosk comes up and serves a patient; staff are told, and the message goes once there is room', async ({ page }) => {
  let disk: SmallDisk | undefined;
  const { host, stop } = await startHost(await config(), {
    prepareDataDir: onSmallDisk(async (mounted) => {
      disk = mounted;
      await mounted.fill();
    }),
  });
  try {
    expect(loggedLines(host)).toContainEqual(expect.objectContaining({ event: 'data-folder-unwritable', code: 'ENOSPC' }));
    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    await comeInAndPrint(kiosk, host);
    const staff = await kiosk.openStaff();
    await expect(staff.getByTestId('save-problems').locator('[data-place="data"]')).toContainText(`(${host.dataDir}: the disk is full)`);

    await disk!.free();
    await kiosk.button('Refresh').click();
    await expect(staff.getByTestId('save-problems')).toHaveCount(0);
    expect(loggedLines(host)).toContainEqual(expect.objectContaining({ event: 'data-folder-writable', folder: host.dataDir }));
  } finally {
    await stop();
  }
});

test('after a kill mid-write: the kiosk starts from the last good counts and clears the half-written file', async ({ page }) => {
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const { host, stop } = await startHost(await config(), {
    prepareDataDir: async (dataDir) => {
      await mkdir(dataDir);
      await writeFile(join(dataDir, 'counts.json'), JSON.stringify({ [today]: { sessions: 5, comeIn: 5 } }));
      // What a kill mid-write leaves beside the last good file.
      await writeFile(join(dataDir, '.counts.json.5a6b7c8d9e0f.tmp'), `{"${today}": {"sessions": 6, "comeIn`);
    },
  });
  try {
    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    await comeInAndPrint(kiosk, host);
    const staff = await kiosk.openStaff();
    await expect(staff.locator('.staff-counts tbody tr').first().locator('td')).toHaveText(['6', '6', '0', '0', '1']);
    await expect(staff.getByTestId('save-problems')).toHaveCount(0);
    expect((await readdir(host.dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  } finally {
    await stop();
  }
});
