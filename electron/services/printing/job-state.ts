import type { JobState } from '../../contract/channels';
import { randomUUID } from 'node:crypto';
import { isOpen, type JobDocument, type JobRecord } from './job-store';

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

/** A new job, every document still to lay out. Its time is kept to the minute: enough for staff and the hourly limit, less to match against a person. */
export function newJob(kind: JobRecord['kind'], pagePaths: string[], now: Date): JobRecord {
  return {
    id: `job-${randomUUID()}`,
    createdAt: new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString(),
    kind,
    copies: 1,
    pages: 0,
    attempts: 1,
    state: 'queued',
    documents: pagePaths.map((pagePath) => ({ pagePath, state: 'pending' })),
  };
}

/** What a restart means for a document: never sent, it failed (staff can retry); caught sending, no one knows yet. */
export function afterRestart(doc: JobDocument): void {
  if (doc.state === 'pending') Object.assign(doc, { state: 'failed', reason: 'The kiosk restarted before this page went to the printer' });
  if (doc.state === 'sending') {
    Object.assign(doc, {
      state: 'unknown',
      settles: true,
      reason: 'The kiosk restarted while sending this page; it will know within a minute whether it reached the printer',
    });
  }
}

/** A document to send again: to lay out anew, with nothing of its last attempt. */
export function readyForRetry(doc: JobDocument): void {
  doc.state = 'pending';
  for (const field of ['spoolId', 'reason', 'settles', 'key', 'sentAt'] as const) delete doc[field];
}
