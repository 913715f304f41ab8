import { describe, expect, it } from 'vitest';
import type { BrowserWindow } from 'electron';
import { showScript, WAITING_SCRIPT } from '../../contract/print-page-api';
import { ElectronSpooler, type PrintWindow } from './electron-spooler';
import { type Behaviour, DOCUMENT, electronSpoolerSetup, flush, PAGE, PRINTER, record } from '../../testing/electron-print-window';

// The main process passes a real hidden BrowserWindow: it must fit PrintWindow (checked by tsc).
const _browserWindowFits = (window: BrowserWindow): PrintWindow => window;

describe('ElectronSpooler', () => {
  it('prints the print page silently on the configured printer and reports the callback', async () => {
    const { spooler, windows } = electronSpoolerSetup();
    expect(spooler.kind).toBe('electron');

    const job = await spooler.submit({ ...DOCUMENT, copies: 2, paper: 'A4' }, record);
    expect(job).toEqual({ id: expect.stringMatching(/^electron-[0-9a-z]+-1$/), state: 'printing' });
    await flush();

    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window.loaded).toEqual(['app://kiosk/print.html']);
    expect(window.scripts).toEqual([WAITING_SCRIPT, showScript(PAGE)]);
    expect(window.prints.map((p) => p.options)).toEqual([
      { silent: true, deviceName: PRINTER, copies: 2, pageSize: 'A4', printBackground: true, margins: { marginType: 'none' } },
    ]);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });
    expect(window.destroyed).toBe(0);

    window.answer(true);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
    expect(window.destroyed).toBe(1);
  });

  it('has the id on record before any window opens, so a crash before that left nothing printing', async () => {
    const { spooler, windows } = electronSpoolerSetup();
    let release = () => {};
    const recorded: string[] = [];
    const submitted = spooler.submit(DOCUMENT, async (id) => {
      recorded.push(id);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await flush();
    expect(recorded).toHaveLength(1);
    expect(windows).toHaveLength(0);
    release();
    expect((await submitted).id).toBe(recorded[0]);
    await flush();
    expect(windows).toHaveLength(1);
    // What a crash caught before the record never reached a window: sending it anew is safe.
    expect(await spooler.recover('c0ffee00c0ffee00c0ffee00', new Date(), new Set())).toBe('never');
  });

  it('waits for the page to say it is laid out before printing', async () => {
    const { spooler, windows, clock } = electronSpoolerSetup({ layoutMs: 200 });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(windows[0]!.prints).toHaveLength(0);
    await clock.advance(199);
    expect(windows[0]!.prints).toHaveLength(0);
    await clock.advance(1);
    expect(windows[0]!.scripts).toHaveLength(2);
    expect(windows[0]!.prints).toHaveLength(1);
    windows[0]!.answer(true);
    await flush();
    expect((await spooler.status(job.id)).state).toBe('done');
  });

  it.each([
    ['Print job canceled', 'The print was cancelled'],
    ['cancelled', 'The print was cancelled'],
    ['Print job failed', `Printer ${PRINTER} did not take the job`],
    ['failed', `Printer ${PRINTER} did not take the job`],
    ['Invalid deviceName provided', `Printer ${PRINTER} is not installed on this computer`],
    ['Invalid printer settings', `Printer ${PRINTER} did not accept the print settings (Letter paper, 1 copy)`],
    ['Printing is already in progress', `Printer ${PRINTER} did not print: "Printing is already in progress"`],
    ['', `Printer ${PRINTER} did not print (no reason given)`],
  ])('reports the failure reason %j as %j', async (failureReason, reason) => {
    const { spooler, windows } = electronSpoolerSetup();
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    windows[0]!.answer(false, failureReason);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('reports a print() that throws instead of calling back', async () => {
    const { spooler, windows } = electronSpoolerSetup({ printThrows: new Error('webContents.print(): Invalid deviceName provided.') });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: `Printer ${PRINTER} is not installed on this computer` });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('calls a job whose callback never comes unknown (the OS may still print it), and a late callback still settles it', async () => {
    const { spooler, windows, clock } = electronSpoolerSetup();
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(59_999);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });
    expect(windows[0]!.destroyed).toBe(0);

    await clock.advance(1);
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'unknown',
      settles: false,
      reason: `Printer ${PRINTER} did not answer; the pages may have printed: check the tray before retrying`,
    });
    // The window stays open for the answer, and the next job does not wait for it.
    expect(windows[0]!.destroyed).toBe(0);
    expect((await spooler.submit(DOCUMENT, record)).state).toBe('printing');

    windows[0]!.answer(true);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('follows a job sent before the config named another printer, through the shared job record', async () => {
    const jobs = new Map();
    const before = electronSpoolerSetup({}, { jobs });
    const job = await before.spooler.submit(DOCUMENT, record);
    await flush();
    const after = electronSpoolerSetup({}, { jobs, printer: 'Another_Printer' });
    expect((await after.spooler.status(job.id)).state).toBe('printing');
    before.windows[0]!.answer(true);
    await flush();
    expect(await after.spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
  });

  it('gives up on a late answer after ten minutes, and closes the window', async () => {
    const { spooler, windows, clock } = electronSpoolerSetup();
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(60_000 + 10 * 60_000);
    expect(windows[0]!.destroyed).toBe(1);
    expect((await spooler.status(job.id)).state).toBe('unknown');
  });

  it('takes its print time limit from the deps', async () => {
    const { spooler, clock } = electronSpoolerSetup({}, { timeoutMs: 5_000 });
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(5_000);
    expect((await spooler.status(job.id)).reason).toBe(`Printer ${PRINTER} did not answer; the pages may have printed: check the tray before retrying`);
  });

  it.each([
    ['the page reports an error', { layout: 'error' }],
    ['the page does not load', { loadError: new Error('ERR_FILE_NOT_FOUND (-6) loading app://kiosk/print.html') }],
    ['the page cannot run the script', { scriptError: new Error('Script failed to execute') }],
    ['the page loaded is not the print page', { notPrintPage: true }],
  ] satisfies [string, Behaviour][])('fails without printing when %s', async (_what, behaviour) => {
    const { spooler, windows, clock } = electronSpoolerSetup(behaviour);
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(100);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The page could not be laid out' });
    expect(windows[0]!.prints).toHaveLength(0);
    expect(windows[0]!.destroyed).toBe(1);
  });

  it.each([
    ['never says it is laid out', { layout: 'never' }],
    ['never finishes loading', { loadHangs: true }],
  ] satisfies [string, Behaviour][])('gives up on a page that %s', async (_what, behaviour) => {
    const { spooler, windows, clock } = electronSpoolerSetup(behaviour);
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(19_999);
    expect((await spooler.status(job.id)).state).toBe('printing');

    await clock.advance(1);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The page could not be laid out in time' });
    expect(windows[0]!.prints).toHaveLength(0);
    expect(windows[0]!.destroyed).toBe(1);
    // Asked once, never polled.
    expect(windows[0]!.scripts.filter((script) => script.startsWith('window.kioskPrintPage.show('))).toHaveLength('loadHangs' in behaviour ? 0 : 1);
  });

  it('reports a window that cannot be opened, without throwing', async () => {
    const spooler = new ElectronSpooler({
      openWindow: () => {
        throw new Error('display gone');
      },
      printer: PRINTER,
      origin: 'app://kiosk',
      sleep: () => new Promise(() => undefined),
    });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'failed',
      reason: 'The kiosk could not open a print window (display gone)',
    });
  });

  it('refuses what cannot print, before opening a window', async () => {
    const { spooler, windows } = electronSpoolerSetup();
    expect(await spooler.submit({ ...DOCUMENT, copies: 0 }, record)).toMatchObject({
      state: 'failed',
      reason: 'Cannot print: copies must be a whole number from 1 to 999',
    });
    expect(await spooler.submit({ ...DOCUMENT, paper: 'Legal' as 'A4' }, record)).toMatchObject({
      state: 'failed',
      reason: 'Cannot print: paper must be Letter or A4',
    });
    const unset = electronSpoolerSetup({}, { printer: '' });
    expect(await unset.spooler.submit(DOCUMENT, record)).toMatchObject({ state: 'failed', reason: 'No printer is set in the kiosk config' });
    await flush();
    expect(windows).toHaveLength(0);
    expect(unset.windows).toHaveLength(0);
  });

  it('prints jobs one at a time, in order', async () => {
    const { spooler, windows } = electronSpoolerSetup();
    const first = await spooler.submit(DOCUMENT, record);
    const second = await spooler.submit({ ...DOCUMENT, pagePath: '/print.html?kind=phone-slip&lang=en' }, record);
    expect([first.state, second.state]).toEqual(['printing', 'queued']);
    expect(first.id).not.toBe(second.id);
    await flush();
    expect(windows).toHaveLength(1);
    expect((await spooler.status(second.id)).state).toBe('queued');

    windows[0]!.answer(false, 'Print job failed');
    await flush();
    expect(windows).toHaveLength(2);
    expect(windows[1]!.scripts).toEqual([WAITING_SCRIPT, showScript('/print.html?kind=phone-slip&lang=en')]);
    expect((await spooler.status(second.id)).state).toBe('printing');
    windows[1]!.answer(true);
    await flush();
    expect((await spooler.status(first.id)).state).toBe('failed');
    expect((await spooler.status(second.id)).state).toBe('done');

    // Idle again: the next job starts at once.
    expect((await spooler.submit(DOCUMENT, record)).state).toBe('printing');
  });

  it('reports unknown ids, and ids from before a restart', async () => {
    const before = electronSpoolerSetup({}, { now: () => Date.UTC(2026, 2, 5, 8, 0, 0) });
    const job = await before.spooler.submit(DOCUMENT, record);

    const { spooler } = electronSpoolerSetup();
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'unknown',
      settles: false,
      reason: 'The kiosk restarted before this print finished; it may have printed: check the tray before retrying',
    });
    expect(await spooler.status('nope')).toEqual({ id: 'nope', state: 'failed', reason: 'Unknown print job' });
    const own = await spooler.submit(DOCUMENT, record);
    const never = own.id.replace(/-1$/, '-99');
    expect(await spooler.status(never)).toEqual({ id: never, state: 'failed', reason: 'Unknown print job' });
  });
});
