import type { PrintJob, PrintRequest } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import { parsePrintPagePath, printPagePath } from '../../contract/print-page';
import type { HandoutLibrary } from '../content/handout-library';
import { KioskError } from '../kiosk-error';
import { localDay } from '../local-day';
import type { JobRecord } from './job-store';

/**
 * Every job has the same title in the print queue: a title naming a handout, or "phone slip",
 * next to a time would say something about the person who printed it.
 */
export const JOB_TITLE = 'Kiosk print';

/** The print page address of each document of a patient's request: one per handout, or the slip. */
export function requestPaths(request: PrintRequest, config: KioskConfig, library: HandoutLibrary): string[] {
  const lang = request.lang;
  if (request.kind === 'phone-slip') return [printPagePath({ kind: 'phone-slip', lang })];
  const ids = [...new Set(request.ids)];
  if (ids.length > config.handouts.maxPerSession) {
    throw new KioskError('limit', `at most ${config.handouts.maxPerSession} handouts per person`);
  }
  return ids.map((id) => {
    if (!library.has(id, lang)) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
    return printPagePath({ kind: 'handout', lang, id });
  });
}

/**
 * Everything a document's PDF depends on, so a PDF made earlier can be printed again: for a
 * handout, the handout and its language (in the address), the paper, the library's version, the
 * clinic's name and phone (the only config a handout shows) and the day (it prints "Printed on"
 * the date). Undefined for the slip and the test page, which print the time.
 */
export function pdfKey(path: string, config: KioskConfig, library: HandoutLibrary, now: Date): string | undefined {
  if (parsePrintPagePath(path).kind !== 'handout') return undefined;
  return JSON.stringify([path, config.print.paper, library.version, config.clinic, localDay(now)]);
}

/** A job as the patient's screen sees it. */
export function toPatientJob(job: JobRecord): PrintJob {
  return { id: job.id, state: job.state, pages: job.pages };
}

/** Browser errors quote the page address, which names the handout (or the slip): it is left out. */
export function withoutAddress(error: unknown): string {
  return (error as Error).message.replace(/\S*print\.html\S*/g, '(print page)');
}
