import { describe, expect, it } from 'vitest';
import { electronSpoolerSetup, PRINTER, printerInfo } from '../../testing/electron-print-window';

// Whether the configured printer can print, and which printers this computer has.

describe('ElectronSpooler', () => {
  describe('check and printers', () => {
    it('is ready when the configured printer is installed, asking from a window it then destroys', async () => {
      const { spooler, windows } = electronSpoolerSetup({ printers: [printerInfo('Microsoft Print to PDF'), printerInfo(PRINTER, {}, 'Front desk HP')] });
      expect(await spooler.check()).toEqual({ ready: true, printer: PRINTER });
      expect(windows).toHaveLength(1);
      expect(windows[0]!.printerLists).toBe(1);
      expect(windows[0]!.loaded).toEqual([]);
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('is not ready when the printer is not installed, and points at the system name when the display name was used', async () => {
      const { spooler } = electronSpoolerSetup({ printers: [printerInfo('Microsoft Print to PDF')] });
      expect(await spooler.check()).toEqual({ ready: false, printer: PRINTER, reason: `Printer ${PRINTER} is not installed on this computer` });

      const byDisplayName = electronSpoolerSetup({ printers: [printerInfo(PRINTER, {}, 'Front desk HP')] }, { printer: 'Front desk HP' });
      expect(await byDisplayName.spooler.check()).toEqual({
        ready: false,
        printer: 'Front desk HP',
        reason: `Printer Front desk HP is not installed on this computer (its system name is "${PRINTER}": put that name in the config)`,
      });
    });

    it('is not ready when CUPS reports the printer stopped or not accepting jobs', async () => {
      const stopped = electronSpoolerSetup({
        printers: [printerInfo(PRINTER, { 'printer-state': '5', 'printer-state-reasons': 'media-empty-error,offline-report' })],
      });
      expect(await stopped.spooler.check()).toEqual({
        ready: false,
        printer: PRINTER,
        reason: `Printer ${PRINTER} is stopped (out of paper, offline)`,
      });

      const rejecting = electronSpoolerSetup({ printers: [printerInfo(PRINTER, { 'printer-state': '3', 'printer-is-accepting-jobs': 'false' })] });
      expect(await rejecting.spooler.check()).toEqual({ ready: false, printer: PRINTER, reason: `Printer ${PRINTER} is not accepting jobs` });

      const idle = electronSpoolerSetup({
        printers: [printerInfo(PRINTER, { 'printer-state': '3', 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': 'true' })],
      });
      expect(await idle.spooler.check()).toEqual({ ready: true, printer: PRINTER });
    });

    it('is not ready when the printers cannot be listed, or no printer is configured', async () => {
      const failing = electronSpoolerSetup({ printersError: new Error('print backend unavailable') });
      expect(await failing.spooler.check()).toEqual({
        ready: false,
        printer: PRINTER,
        reason: "The kiosk could not list this computer's printers (print backend unavailable)",
      });
      expect(failing.windows[0]!.destroyed).toBe(1);

      const unset = electronSpoolerSetup({}, { printer: '' });
      expect(await unset.spooler.check()).toEqual({ ready: false, printer: '', reason: 'No printer is set in the kiosk config' });
    });

    it('gives up on a printer list that never comes', async () => {
      const { spooler, windows, clock } = electronSpoolerSetup({ printersHang: true });
      const check = spooler.check();
      await clock.advance(9_999);
      expect(windows[0]!.destroyed).toBe(0);
      await clock.advance(1);
      expect(await check).toEqual({ ready: false, printer: PRINTER, reason: "The kiosk could not list this computer's printers (no answer)" });
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('lists the system names of the printers, or none when they cannot be listed', async () => {
      const { spooler, windows } = electronSpoolerSetup({ printers: [printerInfo('Microsoft Print to PDF'), printerInfo(PRINTER, {}, 'Front desk HP')] });
      expect(await spooler.printers()).toEqual(['Microsoft Print to PDF', PRINTER]);
      expect(windows[0]!.destroyed).toBe(1);

      const failing = electronSpoolerSetup({ printersError: new Error('print backend unavailable') });
      expect(await failing.spooler.printers()).toEqual([]);
    });
  });
});
