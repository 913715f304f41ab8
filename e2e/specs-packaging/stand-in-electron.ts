import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Electron's fuse wire, as @electron/fuses reads and writes it: this sentinel, then a version
 * byte (1), a length byte, then one ASCII byte per fuse ('0' off, '1' on, 'r' removed).
 * See https://github.com/electron/fuses and Electron's docs/tutorial/fuses.md.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The fuses of wire version 1, in wire order. */
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_ORDER)[number];

/** How a stock Electron binary ships its fuses (before electron-builder flips any). */
export const STOCK_FUSES: Record<FuseName, boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/**
 * Writes a stand-in for an unpacked Linux Electron, which electron-builder's `electronDist`
 * accepts: no download needed. The `electron` executable is a shell script that refuses to run
 * the kiosk but carries a real fuse wire, so electron-builder's `electronFuses` step has something
 * to flip and the test can read the result. The rest are the files electron-builder moves or
 * expects (LICENSE, LICENSES.chromium.html, locales/, resources/, chrome-sandbox for the deb).
 */
export function writeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = FUSE_ORDER.map((name) => (STOCK_FUSES[name] ? '1' : '0')).join('');
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging test: it cannot run the kiosk" >&2\nexit 1\n# fuses: '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSE_ORDER.length]),
    Buffer.from(`${wire}\n`),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(dir, 'chrome-sandbox'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s LICENSE\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in for Chromium’s licenses</title>\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), '45.0.0\n');
}

/** Reads the fuse wire of an Electron executable (the packed app's, after electron-builder). */
export function readFuses(executable: string): Record<FuseName, boolean | 'removed'> {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`${executable} has no fuse wire`);
  const version = bytes[at + FUSE_SENTINEL.length];
  const length = bytes[at + FUSE_SENTINEL.length + 1]!;
  if (version !== 1) throw new Error(`fuse wire version ${version}, expected 1`);
  const wire = bytes.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + length).toString('latin1');
  return Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[i] === 'r' ? 'removed' : wire[i] === '1'])) as Record<FuseName, boolean | 'removed'>;
}
