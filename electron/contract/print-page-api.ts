/**
 * How a host talks to the print page (renderer/print/), apart from the schema of its addresses
 * (print-page.ts): no zod here, so the web host's PDF process loads nothing else.
 */

/** The print page's own address, without a document: loaded once and kept, waiting for one. */
export const PRINT_PAGE = '/print.html';

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
