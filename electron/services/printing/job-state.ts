import type { JobState } from '../../contract/channels';
import { isOpen, type JobDocument } from './job-store';

/**
 * A job's state from its documents: while one is still on its way the job is too (queued,
 * printing, or unknown when the printer cannot be asked); then failed when one could not print,
 * unknown when no one can tell, done when all printed.
 */
export function jobState(documents: readonly JobDocument[]): { state: JobState; reason: string | undefined } {
  const first = (state: JobDocument['state']) => documents.find((d) => d.state === state);
  const failed = first('failed');
  const unknown = first('unknown');
  // A failed document's reason shows even while another is still on its way: staff can send it again.
  const reason = (failed ?? unknown)?.reason;
  if (failed && !documents.some(isOpen)) return { state: 'failed', reason };
  if (unknown) return { state: 'unknown', reason };
  if (documents.every((d) => d.state === 'done')) return { state: 'done', reason };
  if (documents.some((d) => d.state === 'printing' || d.state === 'done')) return { state: 'printing', reason };
  return { state: 'queued', reason };
}
