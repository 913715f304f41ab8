import type { ApiHandlers } from '../api-router';
import type { ConfigLifecycle } from '../config/config-lifecycle';
import type { PrintService } from '../printing/print-service';
import type { PrinterMonitor } from '../printing/printer-monitor';

/** A patient's prints: submit (handouts or the phone slip), follow, and whether printing works now. */
export function printHandlers(
  config: ConfigLifecycle,
  printing: PrintService,
  monitor: PrinterMonitor,
): Pick<ApiHandlers, 'print:submit' | 'print:status' | 'print:availability'> {
  return {
    'print:submit': (request) => {
      config.inLanguage(request.lang);
      return printing.submit(request);
    },
    'print:status': ({ id, changedFrom, waitMs }) => printing.status(id, changedFrom, waitMs),
    'print:availability': async () => ({ available: (await monitor.status()).ready }),
  };
}
