import type { KioskApi, PrintRequest } from '../../electron/contract/channels';
import type { PrintOutcome } from './kiosk-machine';

/** A patient is not kept waiting longer than this; staff see the job on the staff screen. */
const GIVE_UP_MS = 12_000;

/**
 * Submits a print and follows it until the pages are out or it failed. Each `print:status`
 * question names the state the screen knows and is answered when the job leaves it, so the screen
 * says "printed" when the kiosk knows, not on a next poll. A limit refusal is its own outcome (a
 * friendly message, not an error); a print still under way after a few seconds is `slow`: the
 * patient goes on, told to ask the desk if nothing comes out.
 */
export function printViaApi(api: Pick<KioskApi, 'print:submit' | 'print:status'>, now: () => number = () => performance.now()) {
  return async (request: PrintRequest): Promise<PrintOutcome> => {
    const submitted = await api['print:submit'](request);
    if (!submitted.ok) return submitted.code === 'limit' ? 'limit' : 'failed';
    let job = submitted.value;
    const giveUpAt = now() + GIVE_UP_MS;
    for (;;) {
      if (job.state === 'done' || job.state === 'failed') return job.state;
      if (job.state === 'cancelled') return 'failed';
      const left = Math.ceil(giveUpAt - now());
      if (left <= 0) break;
      const status = await api['print:status']({ id: job.id, changedFrom: job.state, waitMs: left });
      if (!status.ok) return 'failed';
      job = status.value;
    }
    // Still on its way, or its fate not known yet (the printer system cannot be asked): the
    // patient is told the pages are coming and to ask the desk if they do not.
    return job.state === 'queued' || job.state === 'printing' || job.state === 'unknown' ? 'slow' : 'failed';
  };
}
