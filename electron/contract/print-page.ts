import { z } from 'zod';
import { LanguageSchema } from './config';
import { HandoutIdSchema } from './content-ids';

import { PRINT_PAGE } from './print-page-api';

/**
 * The print page (renderer/print/): what the host asks it to lay out, and the address that says
 * so. The host builds addresses with {@link printPagePath} and the page reads them with
 * {@link parsePrintPagePath}: one schema for both sides. How the host hands it an address is in
 * print-page-api.ts.
 */

/**
 * A printer's name as it is shown on the staff test page: plain text (no control, formatting or
 * line-separator characters) of at most 127 characters, the longest name CUPS allows.
 */
export const PrinterNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(127)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'plain text only');

/**
 * What the print page lays out. A printer name that is not plain text is left out (the test page
 * then says "unknown"), so that staff still get their test page.
 */
export const PrintTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handout'), lang: LanguageSchema, id: HandoutIdSchema }).strict(),
  z.object({ kind: z.literal('phone-slip'), lang: LanguageSchema }).strict(),
  z.object({ kind: z.literal('test-page'), lang: LanguageSchema, printer: PrinterNameSchema.optional().catch(undefined) }).strict(),
]);
export type PrintTarget = z.infer<typeof PrintTargetSchema>;

/**
 * The print page's address for `target`, e.g. `/print.html?kind=handout&lang=en&id=fever`. Kept in
 * a job's record until the job ends (the Electron spooler prints the page itself).
 * @throws ZodError when `target` is not one the page can lay out.
 */
export function printPagePath(target: PrintTarget): string {
  const checked = PrintTargetSchema.parse(target);
  const query = new URLSearchParams(
    Object.entries(checked).flatMap(([key, value]): Array<[string, string]> => (value === undefined ? [] : [[key, String(value)]])),
  );
  return `${PRINT_PAGE}?${query}`;
}

/**
 * Reads a print page address (or its query alone: `?kind=phone-slip&lang=es`).
 * @throws ZodError when it names nothing the page can lay out.
 */
export function parsePrintPagePath(path: string): PrintTarget {
  const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
  const fields = Object.fromEntries(['kind', 'lang', 'id', 'printer'].flatMap((key) => (query.has(key) ? [[key, query.get(key)]] : [])));
  return PrintTargetSchema.parse(fields);
}
