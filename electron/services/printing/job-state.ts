import type { JobState } from '../../contract/channels';
import type { JobDocument } from './job-store';

/**
 * A job's state from its documents: failed when one cannot print, else unknown when one may or may
 * not print, else done when all printed, printing once one has started, queued before. The reason
 * is the failed (or unknown) document's.
 */
export function jobState(documents: readonly JobDocument[]): { state: JobState; reason: string | undefined } {
  const first = (state: JobDocument['state']) => documents.find((d) => d.state === state);
  const failed = first('failed');
  if (failed) return { state: 'failed', reason: failed.reason };
  const unknown = first('unknown');
  if (unknown) return { state: 'unknown', reason: unknown.reason };
  if (documents.every((d) => d.state === 'done')) return { state: 'done', reason: undefined };
  if (documents.some((d) => d.state === 'printing' || d.state === 'done')) return { state: 'printing', reason: undefined };
  return { state: 'queued', reason: undefined };
}
