import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { resolveStaticFile, SECURITY_HEADERS } from '../services/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * The privileges app:// needs; register before the app is ready. `codeCache`: V8 keeps the
 * scripts it compiled, as it does for cacheable http ones, so a restarted kiosk does not compile
 * them all again before Welcome (Electron caches code for a custom scheme only when asked).
 */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } };

/**
 * Answers one app:// request from the built renderer folder, with the kiosk's CSP and the web
 * host's Cache-Control. Other hosts, path traversal and unknown files get 404. Never compressed:
 * nothing crosses a network here, so it would only add the work of unpacking.
 */
export async function appResponse(request: Request, rendererDir: string, read: (file: string) => Promise<Uint8Array> = readFile): Promise<Response> {
  const url = new URL(request.url);
  const target = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : null;
  if (!target) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  try {
    const body = await read(target.file);
    return new Response(new Uint8Array(body), { headers: { ...SECURITY_HEADERS, 'Cache-Control': target.cacheControl, 'Content-Type': target.contentType } });
  } catch {
    return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  }
}

/** Serves the renderer on app://kiosk/. */
export function setupAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir));
}
