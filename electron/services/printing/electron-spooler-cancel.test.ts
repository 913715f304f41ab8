import { describe, expect, it } from 'vitest';
import { DOCUMENT, electronSpoolerSetup, flush, record } from '../../testing/electron-print-window';

// Cancelling a print: before its window opens, while it is laid out, and once the OS has it.

describe('ElectronSpooler', () => {
  describe('cancel', () => {
    it('stops a job still waiting its turn: it never opens a window', async () => {
      const { spooler, windows } = electronSpoolerSetup();
      const first = await spooler.submit(DOCUMENT, record);
      const second = await spooler.submit(DOCUMENT, record);
      await spooler.cancel(second.id);
      expect(await spooler.status(second.id)).toEqual({ id: second.id, state: 'failed', reason: 'The print was cancelled' });

      await flush();
      windows[0]!.answer(true);
      await flush();
      expect(windows).toHaveLength(1);
      expect((await spooler.status(first.id)).state).toBe('done');
    });

    it('stops a job whose page is still being laid out: print() is never called', async () => {
      const { spooler, windows, clock } = electronSpoolerSetup({ layoutMs: 200 });
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      await spooler.cancel(job.id);
      await clock.advance(1_000);
      expect(windows[0]!.prints).toHaveLength(0);
      expect(windows[0]!.destroyed).toBe(1);
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The print was cancelled' });
    });

    it('cannot take back a job already handed to the OS: cancel says so, and the answer still counts', async () => {
      const { spooler, windows } = electronSpoolerSetup();
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      expect(await spooler.cancel(job.id)).toBe(false);
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });

      windows[0]!.answer(true);
      await flush();
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('leaves finished jobs alone and never throws for unknown ids', async () => {
      const { spooler, windows } = electronSpoolerSetup();
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      windows[0]!.answer(true);
      await flush();
      await spooler.cancel(job.id);
      expect((await spooler.status(job.id)).state).toBe('done');
      await expect(spooler.cancel('nope')).resolves.toBe(true);
    });
  });
});
