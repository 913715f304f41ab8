import { z } from 'zod';
import { LanguageSchema } from './config';
import { HandoutIdSchema } from './content-ids';

/**
 * The print page (renderer/print/): what the host asks it to lay out, the address that says so,
 * and how the host talks to it. The host builds addresses with {@link printPagePath} and the page
 * reads them with {@link parsePrintPagePath}: one schema for both sides.
 */

/** The print page's own address, without a target: loaded once and kept, waiting for one. */
export const PRINT_PAGE = '/print.html';

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
  const query = new URLSearchParams(Object.entries(checked).flatMap(([key, value]): Array<[string, string]> => (value === undefined ? [] : [[key, String(value)]])));
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

/**
 * How the host hands a target to the print page: `window.kioskPrintPage.show(path)` lays out the
 * page at `path` (built by {@link printPagePath}) and answers once everything is laid out (fonts
 * and images included) or has failed. One at a time; the page stays loaded for the next.
 */
export interface PrintPageApi {
  show(path: string): Promise<PrintPageOutcome>;
}
export type PrintPageOutcome = 'ready' | 'error';

/** The global the print page sets (in its own world, where the host's scripts run). */
export const PRINT_PAGE_API = 'kioskPrintPage';

/** The script a host runs in a loaded print page to lay out `path`; it evaluates to a {@link PrintPageOutcome}. */
export function showScript(path: string): string {
  return `window.${PRINT_PAGE_API}.show(${JSON.stringify(path)})`;
}

/** The script that tells whether a loaded page is the print page, ready for a target (true). */
export const WAITING_SCRIPT = `typeof window.${PRINT_PAGE_API}?.show === 'function'`;
