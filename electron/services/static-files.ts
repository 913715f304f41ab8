import { relative as relativePath, resolve, sep, extname } from 'node:path';
import Negotiator from 'negotiator';

/**
 * The one Content-Security-Policy for the kiosk's pages, sent by both hosts: only the app's own
 * scripts, styles and API; no inline script, no frames, no plugins, no form posts elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every answer by both hosts; a static file's Cache-Control is its own (`cacheControl`). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Vite names every file it puts in assets/ by a hash of its content: a new build is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * How long a browser may keep a file of the built renderer: `assets/` forever (a changed file
 * has a new hashed name, and V8 keeps compiled code only for scripts it may cache), anything
 * else, the pages first, never: a page must always name the current build's assets.
 */
export function cacheControl(relativePath: string): string {
  return relativePath.startsWith('assets/') ? IMMUTABLE : 'no-store';
}

/** Text types the build also writes compressed (`file.br`, `file.gz`, vite-plugin-compression2 in renderer/vite.config.ts). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

/** What a precompressed file's name ends with, per Content-Encoding. */
export const ENCODED_SUFFIX = { br: '.br', gzip: '.gz' } as const;
export type FileEncoding = keyof typeof ENCODED_SUFFIX;

/**
 * The encodings worth trying for this file and this Accept-Encoding header (q-values read by
 * negotiator), smallest first: brotli, then gzip. Empty when the client takes neither (it gets
 * the file as it is) or the type does not compress.
 */
export function acceptedEncodings(file: string, acceptEncoding: string | undefined): FileEncoding[] {
  if (!COMPRESSIBLE.has(extname(file).toLowerCase())) return [];
  const encodings = Object.keys(ENCODED_SUFFIX) as FileEncoding[];
  const accepted = new Set(new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encodings(encodings));
  return encodings.filter((encoding) => accepted.has(encoding));
}

/**
 * Maps a URL path onto a file inside `root`, or null when it would leave `root` (`..`, encoded
 * slashes, NUL) or is not a type the kiosk serves. `/` is index.html. With it, its content type
 * and how long it may be cached.
 */
export function resolveStaticFile(root: string, urlPath: string): { file: string; contentType: string; cacheControl: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (!file.startsWith(base + sep)) return null;
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  return contentType ? { file, contentType, cacheControl: cacheControl(relativePath(base, file).split(sep).join('/')) } : null;
}
