import type { KioskApi, PrintRequest } from '../../electron/contract/channels';
import type { PrintOutcome } from './kiosk-machine';

const POLL_MS = 1000;
/** A patient is not kept waiting longer than this; staff see the job on the staff screen. */
const GIVE_UP_MS = 12_000;

/**
 * Submits a print and follows it until the pages are out or it failed. A limit refusal is its
 * own outcome (a friendly message, not an error); a print still under way after a few seconds
 * is `slow`: the patient goes on, told to ask the desk if nothing comes out.
 */
export function printViaApi(api: Pick<KioskApi, 'print:submit' | 'print:status'>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
  return async (request: PrintRequest): Promise<PrintOutcome> => {
    const submitted = await api['print:submit'](request);
    if (!submitted.ok) return submitted.code === 'limit' ? 'limit' : 'failed';
    let job = submitted.value;
    for (let waited = 0; waited < GIVE_UP_MS; waited += POLL_MS) {
      if (job.state === 'done' || job.state === 'failed') return job.state;
      if (job.state === 'cancelled') return 'failed';
      await sleep(POLL_MS);
      const status = await api['print:status']({ id: job.id });
      if (!status.ok) return 'failed';
      job = status.value;
    }
    // Still on its way, or its fate not known yet (the printer system cannot be asked): the
    // patient is told the pages are coming and to ask the desk if they do not.
    return job.state === 'done' ? 'done' : job.state === 'queued' || job.state === 'printing' || job.state === 'unknown' ? 'slow' : 'failed';
  };
}
