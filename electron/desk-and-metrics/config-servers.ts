import { readFile } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { KioskConfig } from '../contract/config';
import type { Dispatch } from '../services/api-router';
import type { KioskServices } from '../services/kiosk-services';
import type { Logger } from '../services/log';
import { createMetricsHost } from './metrics-host';
import { createRemoteStaffHost } from './remote-staff-host';

type Listening = HttpServer | HttpsServer;
type Listen = { host: string; port: number };

export interface ConfigServersOptions {
  /** The kiosk: its config in force, news of a new one, and the metrics snapshot. */
  services: Pick<KioskServices, 'config' | 'onConfigApplied' | 'metrics'>;
  /** The host's one dispatcher (the desk's staff channels go through it, with its PIN lockout). */
  dispatch: Dispatch;
  /** The built renderer, for the desk page. */
  rendererDir: string;
  log: Logger;
}

export interface ConfigServers {
  /** Resolves once the servers match the config in force: each listening, or its failure logged. */
  settled(): Promise<void>;
  /** Where each server listens now (`https://0.0.0.0:8443`), absent when off or failed. */
  urls(): { remoteStaff?: string; metrics?: string };
  /** Stops both, for good. */
  close(): Promise<void>;
}

/**
 * The servers the config switches on: the front-desk staff page (`remoteStaff`) and the
 * Prometheus endpoint (`metrics`). Each starts with the config in force and is restarted or
 * stopped when a newly applied config changes its section (other edits leave it alone). A server
 * that cannot start (port in use, certificate unreadable) is logged with what to do and left off:
 * the kiosk itself keeps running. Both hosts (Electron and the web host) use this.
 */
export function startConfigServers({ services, dispatch, rendererDir, log }: ConfigServersOptions): ConfigServers {
  const remoteStaff = new ConfiguredServer<NonNullable<KioskConfig['remoteStaff']>>('remote-staff', 'remoteStaff', log, async (section) => {
    const tls = section.tls && { cert: await readPem(section.tls.cert, 'remoteStaff.tls.cert'), key: await readPem(section.tls.key, 'remoteStaff.tls.key') };
    if (tls) {
      try {
        createSecureContext(tls);
      } catch (error) {
        // The files were read, but they are not PEM, or the key is not the certificate's.
        throw new Error(`remoteStaff.tls: the certificate or key is not usable (${(error as Error).message}): give a PEM certificate and its own private key`, {
          cause: error,
        });
      }
    }
    return { server: createRemoteStaffHost({ dispatch, rendererDir, log, allow: section.allow, tls }), scheme: tls ? 'https' : 'http' };
  });
  const metrics = new ConfiguredServer<NonNullable<KioskConfig['metrics']>>('metrics', 'metrics', log, async () => ({
    server: createMetricsHost({ snapshot: async () => services.metrics(), log }),
    scheme: 'http',
  }));

  let closed = false;
  let queue = Promise.resolve();
  /** Changes run one after another, so a restart never races the stop before it for the port. */
  const apply = () => {
    queue = queue.then(async () => {
      if (closed) return;
      const config = services.config();
      await Promise.all([remoteStaff.apply(config?.remoteStaff), metrics.apply(config?.metrics)]);
    });
  };
  services.onConfigApplied(apply);
  apply();

  return {
    settled: () => queue,
    urls: () => ({ ...(remoteStaff.url && { remoteStaff: remoteStaff.url }), ...(metrics.url && { metrics: metrics.url }) }),
    close: () => {
      closed = true;
      queue = queue.then(async () => {
        await Promise.all([remoteStaff.apply(undefined), metrics.apply(undefined)]);
      });
      return queue;
    },
  };
}

async function readPem(file: string, field: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'the kiosk may not read it (check its permissions)' : (error as Error).message;
    throw new Error(`cannot read ${field} "${file}": ${why}`, { cause: error });
  }
}

/** One server that a config section switches on, with its log events `<name>-listening`, `-stopped`, `-not-started`. */
class ConfiguredServer<S extends { listen: Listen }> {
  /** The section the server was last started for (JSON), undefined while off. */
  private key: string | undefined;
  private failed = false;
  private server: Listening | undefined;
  url: string | undefined;

  constructor(
    private readonly name: string,
    private readonly field: string,
    private readonly log: Logger,
    private readonly create: (section: S) => Promise<{ server: Listening; scheme: 'http' | 'https' }>,
  ) {}

  /** Starts, restarts or stops the server for `section`; the same section again changes nothing, unless it failed last time. */
  async apply(section: S | undefined): Promise<void> {
    const key = section && JSON.stringify(section);
    if (key === this.key && !this.failed) return;
    this.key = key;
    this.failed = false;
    await this.stop();
    if (section) await this.start(section);
  }

  private async start(section: S): Promise<void> {
    const { host, port } = section.listen;
    let created: { server: Listening; scheme: 'http' | 'https' };
    try {
      created = await this.create(section);
    } catch (error) {
      return this.notStarted((error as Error).message);
    }
    const { server, scheme } = created;
    await new Promise<void>((resolve) => {
      const onError = (error: NodeJS.ErrnoException) => {
        this.notStarted(listenProblem(error, { host, port }, this.field));
        resolve();
      };
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        server.on('error', (error) => this.log.error(`${this.name}-error`, { cause: error.message }));
        this.server = server;
        const { address } = server.address() as AddressInfo;
        this.url = `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`;
        this.log.info(`${this.name}-listening`, { url: this.url });
        resolve();
      });
    });
  }

  private notStarted(reason: string): void {
    this.failed = true;
    this.log.error(`${this.name}-not-started`, { reason, whatNow: 'the kiosk keeps running without it; fix the config and save it again' });
  }

  private async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const url = this.url;
    this.url = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Browsers keep connections open; they must not keep the old server (or its port) alive.
      server.closeAllConnections();
    });
    this.log.info(`${this.name}-stopped`, { url });
  }
}

/** Says in plain words why a server could not listen, and which config field to change. */
function listenProblem(error: NodeJS.ErrnoException, { host, port }: Listen, field: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use by another program: choose another ${field}.listen.port, or stop that program`;
    case 'EACCES':
      return `not allowed to listen on port ${port} (ports below 1024 need administrator rights): choose a ${field}.listen.port from 1024 up`;
    case 'EADDRNOTAVAIL':
      return `this machine has no address ${host}: set ${field}.listen.host to one of its own addresses, or 0.0.0.0 for all of them`;
    default:
      return `cannot listen on ${host} port ${port}: ${error.message}`;
  }
}
