import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

// .ci/run reads the cups-pdf folder from setup-cups.sh's standard output. On a fresh machine the
// script installs packages first, and apt-get's chatter once ended up in that folder's name. This
// runs the install path for real, with an apt-get that talks on stdout as the real one does.

const script = join(__dirname, 'setup-cups.sh');

function whyNot(): string | undefined {
  if (process.getuid?.() !== 0) return 'setup-cups.sh runs as root only';
  try {
    if (!execFileSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } }).includes('scheduler is running'))
      return 'CUPS is not running';
  } catch {
    return 'CUPS is not installed';
  }
  return undefined;
}

/** The folder cups-pdf writes to now: the script is given the same one, so nothing else changes. */
function currentOutDir(): string {
  const conf = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
  return /^Out\s+(\S+)/m.exec(conf)?.[1] ?? '/var/spool/cups-pdf/out';
}

const skip = whyNot();
const queue = `kiosk-setup-test-${randomBytes(3).toString('hex')}`;
let dir: string | undefined;

afterAll(async () => {
  spawnSync('lpadmin', ['-x', queue]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip)(`setup-cups.sh on the fresh-machine path${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('prints only the output folder on stdout, while apt-get talks on stdout and stderr', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-setup-cups-'));
    const calls = join(dir, 'apt-get-calls');
    const fakeAptGet = join(dir, 'apt-get');
    await writeFile(
      fakeAptGet,
      `#!/bin/sh\necho "$*" >> ${JSON.stringify(calls)}\n` +
        `echo "Reading package lists... Done"\necho "Setting up cups-pdf (3.0.1-14) ..."\necho "W: stand-in apt-get" >&2\n`,
    );
    await chmod(fakeAptGet, 0o755);
    const out = currentOutDir();

    const run = spawnSync('bash', [script], {
      encoding: 'utf8',
      env: { ...process.env, SETUP_CUPS_APT_GET: fakeAptGet, SETUP_CUPS_ASSUME_MISSING: '1', CUPS_PDF_OUT: out, CUPS_QUEUE: queue },
      timeout: 60_000,
    });

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${out}\n`);
    // The chatter went to stderr with the script's own words, and the install path really ran.
    expect(run.stderr).toContain('Reading package lists... Done');
    expect(run.stderr).toContain(`queue ${queue} ready`);
    expect(await readFile(calls, 'utf8')).toMatch(/^install -y --no-install-recommends cups cups-ipp-utils cups-pdf poppler-utils$/m);
  });
});
