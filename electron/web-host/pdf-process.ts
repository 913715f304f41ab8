import type { LogDetails, Logger, LogLevel } from '../services/log';
import { ChromiumPdfRenderer } from './chromium-pdf-renderer';
import type { PdfAnswer, PdfRequest } from './pdf-process-messages';

/**
 * The web host's PDF process (dist/electron/pdf-process.cjs, started by ChromiumPdfProcess):
 * playwright-core and the system Chromium live here, so the host neither loads them before it
 * answers nor holds them in its own memory. Arguments: the host's address and the Chromium to run.
 * Every log line goes to the host, which writes it; it ends with the host (its IPC channel closes).
 */
const [baseUrl, executablePath] = process.argv.slice(2);
// Nothing more is sent once the host is gone (its channel closed).
const send = (message: PdfAnswer) => void (process.connected && process.send?.(message));
const log: Logger = Object.fromEntries(
  (['info', 'warn', 'error'] as LogLevel[]).map((level) => [level, (event: string, details?: LogDetails) => send({ log: level, event, details })]),
) as unknown as Logger;
const renderer = new ChromiumPdfRenderer(() => baseUrl!, executablePath!, log);

async function stop(): Promise<never> {
  await renderer.close().catch(() => undefined);
  process.exit(0);
}

process.on('disconnect', () => void stop());
/**
 * Checked by hand, not with zod: loading zod would add a tenth of a second to every start of this
 * process, which only its own parent can talk to.
 */
function isRequest(message: unknown): message is PdfRequest {
  const m = message as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null) return false;
  if (m.op === 'close') return true;
  if (!Number.isInteger(m.id)) return false;
  return m.op === 'warm' || (m.op === 'render' && typeof m.path === 'string' && m.path.startsWith('/') && (m.paper === 'Letter' || m.paper === 'A4'));
}

process.on('message', (message: unknown) => {
  if (!isRequest(message)) return log.error('pdf-process-bad-message', { problem: 'not a request this process knows' });
  const request = message;
  if (request.op === 'close') return void stop();
  const work = request.op === 'warm' ? renderer.warm().then(() => undefined) : renderer.render(request.path, request.paper);
  work.then(
    (pdf) => send({ id: request.id, ok: true, pdf }),
    (error: Error) => send({ id: request.id, ok: false, error: error.message }),
  );
});
