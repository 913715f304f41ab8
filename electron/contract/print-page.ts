/**
 * The print page sets this attribute on <html> once it has laid out everything ('ready') or has
 * failed ('error'); the host waits for it before making the PDF.
 */
export const PRINT_READY_ATTRIBUTE = 'data-print-ready';
