import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/static-files';
import { APP_SCHEME_PRIVILEGES, appResponse, setupAppProtocol } from './app-protocol';

const INDEX = '<!doctype html><title>Welcome</title>';
const APP_JS = 'console.log("kiosk");';
const PRINT = '<!doctype html><title>Print</title>';

// <root>/renderer is what app://kiosk serves; the files beside it must stay out of reach.
let root: string;
let rendererDir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX);
  await writeFile(join(rendererDir, 'print.html'), PRINT);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await mkdir(join(rendererDir, 'folder.js'));
  await writeFile(join(root, 'secret.js'), 'the secret');
  await mkdir(join(root, 'renderer-evil'));
  await writeFile(join(root, 'renderer-evil', 'steal.js'), 'the secret');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file appResponse asks for, so a test can show a refused path was never read. */
function recordingRead(): { read: (file: string) => Promise<Uint8Array>; files: string[] } {
  const files: string[] = [];
  return {
    files,
    read: async (file) => {
      files.push(file);
      return readFile(file);
    },
  };
}

async function get(url: string): Promise<{ response: Response; files: string[] }> {
  const { read, files } = recordingRead();
  const response = await appResponse(new Request(url), rendererDir, read);
  return { response, files };
}

function expectSecurityHeaders(response: Response, cacheControl = 'no-store'): void {
  expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Cache-Control')).toBe(cacheControl);
}

describe('appResponse', () => {
  it.each([
    ['app://kiosk/index.html', INDEX, 'text/html; charset=utf-8'],
    ['app://kiosk/', INDEX, 'text/html; charset=utf-8'],
    ['app://kiosk', INDEX, 'text/html; charset=utf-8'],
    ['app://kiosk/assets/app.js', APP_JS, 'text/javascript; charset=utf-8'],
    ['app://kiosk/print.html?kind=handouts&lang=en&ids=fever', PRINT, 'text/html; charset=utf-8'],
    ['app://kiosk/assets/../index.html', INDEX, 'text/html; charset=utf-8'],
  ])('serves %s with the CSP and its content type', async (url, body, contentType) => {
    const { response } = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(contentType);
    // Assets have hashed names and may be kept for good; a page never.
    expectSecurityHeaders(response, new URL(url).pathname.startsWith('/assets/app') ? 'public, max-age=31536000, immutable' : 'no-store');
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(await response.text()).toBe(body);
  });

  it('reads real files with the default reader', async () => {
    const response = await appResponse(new Request('app://kiosk/assets/app.js'), rendererDir);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(APP_JS);
  });

  it.each([
    // The URL parser already folds plain and %2e%2e dot segments; the rest reach resolveStaticFile.
    'app://kiosk/../../etc/passwd',
    'app://kiosk/../secret.js',
    'app://kiosk/%2e%2e/secret.js',
    'app://kiosk/%2e%2e%2fsecret.js',
    'app://kiosk/%2E%2E%2Fsecret.js',
    'app://kiosk/..%2fsecret.js',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret.js',
    'app://kiosk/%2e%2e%2frenderer-evil%2fsteal.js',
    'app://kiosk/..%5csecret.js',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A.js',
  ])('refuses %s without reading anything outside the renderer', async (url) => {
    const { response, files } = await get(url);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
    expect(await response.text()).toBe('Not found');
    for (const file of files) expect(file.startsWith(rendererDir + '/')).toBe(true);
    expect(files).not.toContain(join(root, 'secret.js'));
    expect(files).not.toContain(join(root, 'renderer-evil', 'steal.js'));
  });

  it.each(['app://other/index.html', 'app://kiosk.evil/index.html', 'app://kiosk:8080/index.html', 'app://evil/assets/app.js'])(
    'refuses another host: %s',
    async (url) => {
      const { response, files } = await get(url);
      expect(response.status).toBe(404);
      expectSecurityHeaders(response);
      expect(files).toEqual([]);
    },
  );

  it.each(['app://kiosk/missing.html', 'app://kiosk/assets/missing.js', 'app://kiosk/folder.js', 'app://kiosk/assets', 'app://kiosk/index.exe'])(
    'answers 404 for a file it cannot serve: %s',
    async (url) => {
      const { response } = await get(url);
      expect(response.status).toBe(404);
      expectSecurityHeaders(response);
      expect(await response.text()).toBe('Not found');
    },
  );
});

describe('setupAppProtocol', () => {
  type ProtocolHandler = Parameters<Protocol['handle']>[1];

  class FakeProtocol implements Pick<Protocol, 'handle'> {
    readonly handlers = new Map<string, ProtocolHandler>();
    handle(scheme: string, handler: ProtocolHandler): void {
      this.handlers.set(scheme, handler);
    }
  }

  it('serves the renderer folder on the app scheme', async () => {
    const protocol = new FakeProtocol();
    setupAppProtocol(protocol, rendererDir);
    expect([...protocol.handlers.keys()]).toEqual(['app']);
    const response = await protocol.handlers.get('app')?.(new Request('app://kiosk/index.html'));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toBe(INDEX);
  });

  it('registers app:// as a secure standard scheme whose scripts V8 may keep compiled', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
  });
});
