import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Electronegativity (Doyensec), the audit tool reviewers of Electron apps run, over the Electron
 * sources: no finding at MEDIUM or above, and every file read. Offline: the one check that
 * downloads Electron's release list from GitHub (are there newer security releases of this
 * Electron?) is left out; keeping Electron current is the dependency updates' job.
 */

interface Finding {
  id: string;
  file: string;
  location: { line: number };
  severity: { value: number; name: string };
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: Finding[]; errors: Array<{ file: string; message: string }> }>;

// CommonJS: the module is the function itself.
const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const MEDIUM = 2;
const ELECTRON_DIR = resolve(import.meta.dirname, '..');

/** The Electron version the app is built with (package.json), so the tool knows its defaults. */
async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(resolve(ELECTRON_DIR, '..', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies.electron!.replace(/^[^\d]*/, '');
}

async function audit(input: string): Promise<{ findings: string[]; errors: string[] }> {
  const { issues, errors } = await run({
    input,
    electronVersionOverride: await electronVersion(),
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
  });
  return {
    findings: issues
      .filter((issue) => issue.severity.value >= MEDIUM)
      .map((issue) => `${issue.id} ${issue.severity.name} ${issue.file}:${issue.location.line} ${issue.description}`),
    errors: errors.map((error) => `${error.file}: ${error.message}`),
  };
}

describe('Electronegativity', () => {
  it('finds nothing at MEDIUM or above in electron/, and reads every file', async () => {
    const { findings, errors } = await audit(ELECTRON_DIR);
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
  });

  describe('on a window that is not locked down (the check can fail)', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kiosk-electronegativity-'));
      await writeFile(
        join(dir, 'window.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          'export const open = (preload: string) => new BrowserWindow({ webPreferences: { preload, sandbox: false, contextIsolation: false } });\n',
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reports the sandbox, context isolation, middle click and the missing CSP', async () => {
      const { findings } = await audit(dir);
      const ids = findings.map((finding) => finding.split(' ')[0]);
      expect(ids).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'AUXCLICK_JS_CHECK', 'CSP_GLOBAL_CHECK']));
    });
  });
});
