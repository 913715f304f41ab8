import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { BlockList, isIPv4, isIPv6, type AddressInfo, type Socket } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { DESK_CHANNEL_NAMES, type ChannelName } from '../contract/channel-names';
import type { Dispatch } from '../services/api-router';
import type { Logger } from '../services/log';
import { foldRepeats } from '../services/log-folding';
import { cacheControl, resolveStaticFile } from '../services/static-files';
import { answerErrors, handleApiRequest, isOwnHost, send, sendStaticFile } from '../web-host/http-host';
import { DESK_SOCKET_LIMITS, limitSockets, serverOptions, type SocketLimits } from './socket-limits';

/** All the front-desk page may do: unlock with the PIN, see the kiosk, end its session, take it out of service, lock. */
const DESK_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(DESK_CHANNEL_NAMES);

/** A PIN or a token and a flag: a few dozen bytes. */
const MAX_DESK_BODY_BYTES = 4 * 1024;

/** The built desk page, inside the built renderer. */
const DESK_PAGE = 'desk.html';

export interface RemoteStaffHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer): desk.html and assets/ are served from it, nothing else. */
  rendererDir: string;
  log: Logger;
  /** Addresses and CIDR ranges (config `remoteStaff.allow`) that may connect; any other is disconnected at once. */
  allow: readonly string[];
  /** PEM certificate and key (their contents): HTTPS. Without it, plain HTTP, which the config allows only on loopback. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Default DESK_SOCKET_LIMITS. */
  socketLimits?: SocketLimits;
}

/**
 * The front-desk staff page, served to the desk's browser: `GET /` is the desk page and
 * `/assets/*` its scripts, styles and fonts; `POST /api/<channel>` takes only DESK_CHANNELS
 * (the PIN and its lockout are the kiosk's own, shared with the touch screen). Refused: any
 * address not in `allow`, disconnected as it connects, before TLS or a byte of HTTP (logged, so
 * it holds no socket), other channels (404), other origins (403), and under plain HTTP any Host
 * but a loopback name (421), since only TLS binds the page to this machine's name against DNS
 * rebinding. Sockets are capped and timed out (DESK_SOCKET_LIMITS). The caller listens on the
 * configured address.
 */
export function createRemoteStaffHost({
  dispatch,
  rendererDir,
  log,
  allow,
  tls,
  socketLimits = DESK_SOCKET_LIMITS,
}: RemoteStaffHostOptions): HttpServer | HttpsServer {
  const allowed = createAllowList(allow);
  const scheme = tls ? 'https' : 'http';
  // What callers cause (refusals, failures) is folded, so no caller can flush the kept log.
  const requestLog = foldRepeats(log);
  const assetsDir = resolve(rendererDir, 'assets') + sep;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!tls && !isOwnHost(req.headers.host, (req.socket.address() as AddressInfo).port)) return send(res, 421, 'text/plain', 'Wrong host');
    const url = new URL(req.url ?? '/', 'http://desk.invalid');

    if (url.pathname.startsWith('/api/')) {
      return handleApiRequest(req, res, url.pathname, {
        dispatch,
        log: requestLog,
        origin: `${scheme}://${req.headers.host}`,
        channels: DESK_CHANNELS,
        maxBodyBytes: MAX_DESK_BODY_BYTES,
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed', { Allow: 'GET, HEAD' });
    if (url.pathname === '/')
      return sendStaticFile(req, res, { file: join(rendererDir, DESK_PAGE), contentType: 'text/html; charset=utf-8', cacheControl: cacheControl(DESK_PAGE) });
    const asset = url.pathname.startsWith('/assets/') ? resolveStaticFile(rendererDir, url.pathname) : null;
    // resolveStaticFile keeps the path inside the renderer; it must also stay inside assets/.
    if (!asset || !asset.file.startsWith(assetsDir)) return send(res, 404, 'text/plain', 'Not found');
    return sendStaticFile(req, res, asset);
  };

  const listener = answerErrors(requestLog, 'remote-staff-failed', handle);
  const options = serverOptions(socketLimits);
  const server = tls ? createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, listener) : createHttpServer(options, listener);
  limitSockets(server, socketLimits, requestLog, 'remote-staff');
  // The raw TCP connection, before TLS: an address not allowed is gone before it costs anything.
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address && allowed(address)) return;
    requestLog.warn('remote-staff-refused', { address: address ?? '(unknown)', why: 'not in remoteStaff.allow' });
    socket.destroy();
  });
  server.on('close', () => requestLog.flush());
  return server;
}

/**
 * Turns `remoteStaff.allow` (addresses and CIDR ranges, IPv4 or IPv6) into a check of a
 * client's address. A server listening on `::` sees IPv4 clients as IPv4-mapped IPv6
 * (`::ffff:10.0.0.5`): those are checked as the IPv4 address they are.
 */
export function createAllowList(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [network = '', prefix] = entry.split('/');
    const type = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : null;
    if (!type) throw new Error(`remoteStaff.allow: "${entry}" is not an IP address or range`);
    if (prefix === undefined) list.addAddress(network, type);
    else list.addSubnet(network, Number(prefix), type);
  }
  return (address) => {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
    if (mapped) return list.check(mapped, 'ipv4') || list.check(address, 'ipv6');
    if (isIPv4(address)) return list.check(address, 'ipv4');
    return isIPv6(address) && list.check(address, 'ipv6');
  };
}
