import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createDispatcher } from '../services/api-router';
import { chooseConfigPath } from '../services/config/config-location';
import { createKioskServices } from '../services/kiosk-services';
import { SaveProblems } from '../services/fs/save-problems';
import { createLogger } from '../services/log';
import { defaultDataDir, logFile } from '../services/paths';
import { ChromiumPdfProcess } from './chromium-pdf-process';
import { startConfigServers, type ConfigServers } from '../desk-and-metrics/config-servers';
import { createHttpHost } from './http-host';
import { APP_VERSION } from '../version';

/** How long after the host listens the PDF process starts, unless a print starts it sooner. */
const WARM_PDF_AFTER_MS = 2_000;

/** dist/electron/serve.cjs sits two folders below the app root. */
const appRoot = resolve(__dirname, '..', '..');

const USAGE = `Usage: npm run serve -- [--port 4300] [--config FILE] [--data-dir DIR] [--chromium PATH]
  --port      port on 127.0.0.1 (default 4300; 0 picks a free one)
  --config    the clinic's config file (default: KIOSK_CONFIG, else the OS's config location
              if a file is there, else the demo config)
  --data-dir  where counts, logs and PDFs go (default: KIOSK_DATA_DIR, else the user data folder)
  --chromium  the Chromium used to make PDFs (default: KIOSK_CHROMIUM, else /usr/bin/chromium)`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4300' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        chromium: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"\n\n${USAGE}`);
    process.exit(2);
  }

  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const configPath = values.config ? resolve(values.config) : chooseConfigPath([])?.path;
  // A data folder that cannot be written (read-only, full, a file where logs/ should be) is no
  // reason not to start: lines go to stderr, and staff are told on the staff screen.
  const saveProblems = new SaveProblems();
  const log = createLogger(logFile(dataDir), undefined, undefined, saveProblems.watch('logs'));
  let baseUrl = '';
  let listening = () => {};
  const started = new Promise<void>((resolve) => (listening = resolve));
  const pdfRenderer = new ChromiumPdfProcess(
    resolve(__dirname, 'pdf-process.cjs'),
    () => baseUrl,
    values.chromium ?? process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium',
    log,
  );
  const services = await createKioskServices({
    configPath,
    contentDir: resolve(appRoot, 'content'),
    dataDir,
    pdfRenderer,
    log,
    version: APP_VERSION,
    saveProblems,
    started,
  });
  const dispatch = createDispatcher(services.handlers, log);
  const rendererDir = resolve(appRoot, 'dist', 'renderer');
  const server = createHttpHost({ dispatch, rendererDir, log });
  let configServers: ConfigServers | undefined;

  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is already in use: choose another with --port.` : `The web host stopped: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    log.info('web-host-listening', { url: baseUrl, dataDir });
    console.log(`Kiosk web host listening on ${baseUrl}`);
    // The front-desk page and /metrics, when the config asks for them: after the kiosk's own
    // line above, which scripts (and the e2e fixture) wait for.
    configServers = startConfigServers({ services, dispatch, rendererDir, log });
    // What is left to load comes now, while the first person walks up, not before the kiosk
    // answers or when they press Print: other languages' search indexes at once, the PDF process
    // (half a second of CPU) once the kiosk's own page has had a moment to load.
    listening();
    setTimeout(() => void pdfRenderer.warm(), WARM_PDF_AFTER_MS).unref();
  });

  const stop = () => {
    services.close();
    server.close();
    void Promise.allSettled([configServers?.close(), pdfRenderer.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
