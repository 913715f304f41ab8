import { z } from 'zod';
import type { LogDetails, LogLevel } from '../services/log';

/** What the web host asks its PDF process (pdf-process.ts): get ready, make one PDF, or stop. */
export type PdfRequest = { op: 'warm'; id: number } | { op: 'render'; id: number; path: string; paper: 'Letter' | 'A4' } | { op: 'close' };

/** What the PDF process answers (to request `id`), or a line for the host's log. */
export type PdfAnswer =
  { id: number; ok: true; pdf?: Uint8Array } | { id: number; ok: false; error: string } | { log: LogLevel; event: string; details?: LogDetails };

/** Checks an answer from the PDF process before the host believes it. */
export const PdfAnswerSchema: z.ZodType<PdfAnswer> = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), pdf: z.instanceof(Uint8Array).optional() }).strict(),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }).strict(),
  z
    .object({
      log: z.enum(['info', 'warn', 'error']),
      event: z.string().regex(/^[a-z-]{1,60}$/),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.undefined()])).optional(),
    })
    .strict(),
]);
