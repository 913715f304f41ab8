import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { acceptedEncodings, cacheControl, CONTENT_SECURITY_POLICY, resolveStaticFile, SECURITY_HEADERS } from './static-files';

// resolveStaticFile only maps paths; it never touches the disk, so the root need not exist.
const ROOT = resolve('/srv/kiosk/renderer');

describe('resolveStaticFile', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/print.html', 'print.html'],
    ['/assets/app.js', 'assets/app.js'],
    ['/assets/fonts/Atkinson.woff2', 'assets/fonts/Atkinson.woff2'],
    ['//assets//app.js', 'assets/app.js'],
    ['/assets/./app.js', 'assets/app.js'],
    ['/assets/../index.html', 'index.html'],
    ['/assets/%61pp.js', 'assets/app.js'],
    ['/%2Fassets%2Fapp.js', 'assets/app.js'],
    ['/handouts/fl%C3%BA.json', 'handouts/flú.json'],
    ['/my%20file.css', 'my file.css'],
  ])('maps %j inside the root', (urlPath, relative) => {
    expect(resolveStaticFile(ROOT, urlPath)?.file).toBe(join(ROOT, relative));
  });

  it('gives the same answer for a root written with a trailing slash or relative parts', () => {
    expect(resolveStaticFile(`${ROOT}/`, '/assets/app.js')?.file).toBe(join(ROOT, 'assets/app.js'));
    expect(resolveStaticFile(`${ROOT}/assets/..`, '/assets/app.js')?.file).toBe(join(ROOT, 'assets/app.js'));
  });

  it.each([
    ['.html', '/index.html', 'text/html; charset=utf-8'],
    ['.js', '/assets/app.js', 'text/javascript; charset=utf-8'],
    ['.css', '/assets/app.css', 'text/css; charset=utf-8'],
    ['.json', '/locales/en.json', 'application/json; charset=utf-8'],
    ['.svg', '/logo.svg', 'image/svg+xml'],
    ['.png', '/logo.png', 'image/png'],
    ['.ico', '/favicon.ico', 'image/x-icon'],
    ['.woff2', '/font.woff2', 'font/woff2'],
    ['.ttf', '/font.ttf', 'font/ttf'],
    ['upper-case extension', '/LOGO.PNG', 'image/png'],
  ])('gives the content type for %s', (_name, urlPath, contentType) => {
    expect(resolveStaticFile(ROOT, urlPath)?.contentType).toBe(contentType);
  });

  it.each([
    ['parent folder', '/../secret.js'],
    ['parent of parent', '/../../etc/passwd.json'],
    ['parent from inside', '/assets/../../secret.js'],
    ['parent alone', '/..'],
    ['the root itself', '/.'],
    ['encoded dots', '/%2e%2e/secret.js'],
    ['encoded dots and slash', '/%2e%2e%2fsecret.js'],
    ['upper-case encoding', '/%2E%2E%2Fsecret.js'],
    ['encoded slash only', '/..%2fsecret.js'],
    ['deep encoded', '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd.json'],
    ['sibling folder with the same prefix', '/../renderer-evil/steal.js'],
    ['encoded sibling folder', '/%2e%2e%2frenderer-evil%2fsteal.js'],
  ])('refuses traversal: %s (%j)', (_name, urlPath) => {
    expect(resolveStaticFile(ROOT, urlPath)).toBeNull();
  });

  it.each([
    ['a backslash', '/..\\secret.js'],
    ['an encoded backslash', '/..%5csecret.js'],
    ['an encoded backslash inside the root', '/assets%5Capp.js'],
    ['a NUL byte', '/index.html%00.js'],
    ['a raw NUL byte', '/index.html\0.js'],
  ])('refuses %s', (_name, urlPath) => {
    expect(resolveStaticFile(ROOT, urlPath)).toBeNull();
  });

  it.each(['/%', '/%zz.js', '/%E0%A4%A.js', '/assets/%C3.js', '/%ED%A0%80.js'])('refuses bad percent-encoding %j', (urlPath) => {
    expect(resolveStaticFile(ROOT, urlPath)).toBeNull();
  });

  it.each(['/secret.exe', '/app.js.map', '/README', '/.env', '/assets', '/assets/', '/index.html.bak', '/config.yaml', '/page.htm'])(
    'refuses a type the kiosk does not serve: %j',
    (urlPath) => {
      expect(resolveStaticFile(ROOT, urlPath)).toBeNull();
    },
  );
});

describe('cacheControl', () => {
  it.each(['assets/index-CkX1D9j1.js', 'assets/atkinson-hyperlegible-latin-400-normal-BrHNak5F.woff2', 'assets/styles-US7T2Rcq.css'])(
    'lets a browser keep %s, named by its hash, for good',
    (path) => {
      expect(cacheControl(path)).toBe('public, max-age=31536000, immutable');
    },
  );

  it.each(['index.html', 'print.html', 'desk.html', 'favicon.ico'])('never lets it keep %s', (path) => {
    expect(cacheControl(path)).toBe('no-store');
  });

  it('is given with every file resolveStaticFile maps', () => {
    expect(resolveStaticFile(ROOT, '/')?.cacheControl).toBe('no-store');
    expect(resolveStaticFile(ROOT, '/assets/app-CkX1D9j1.js')?.cacheControl).toBe('public, max-age=31536000, immutable');
    // Only the folder counts, however the path is written.
    expect(resolveStaticFile(ROOT, '/x/../assets/app-CkX1D9j1.js')?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(resolveStaticFile(ROOT, '/assets/../index.html')?.cacheControl).toBe('no-store');
  });
});

describe('acceptedEncodings', () => {
  it.each([
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['br', ['br']],
    ['gzip', ['gzip']],
    ['gzip;q=1.0, br;q=0.5', ['br', 'gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0, gzip', ['gzip']],
    ['identity', []],
    ['deflate, zstd', []],
    ['', []],
    [undefined, []],
  ])('reads Accept-Encoding %j as %j', (header, encodings) => {
    expect(acceptedEncodings('/srv/assets/app.js', header)).toEqual(encodings);
  });

  it.each(['/srv/index.html', '/srv/assets/app.css', '/srv/locales/en.json', '/srv/logo.svg'])('compresses text: %s', (file) => {
    expect(acceptedEncodings(file, 'br, gzip')).toEqual(['br', 'gzip']);
  });

  it.each(['/srv/assets/font.woff2', '/srv/logo.png', '/srv/favicon.ico'])('leaves %s, already compressed, as it is', (file) => {
    expect(acceptedEncodings(file, 'br, gzip')).toEqual([]);
  });
});

describe('SECURITY_HEADERS', () => {
  it('sends the kiosk CSP, nosniff, no referrer and no caching', () => {
    expect(SECURITY_HEADERS).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
  });

  it('allows only the app itself: no inline script, no frames, no plugins', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
