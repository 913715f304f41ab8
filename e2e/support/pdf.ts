import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';

const run = promisify(execFile);

/** The text of a PDF as `pdftotext -layout` reads it (poppler-utils). */
export async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

export async function pdfPages(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
}

/** PDF files in a folder now (missing folder: none). */
export async function pdfsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.pdf')).map((n) => join(dir, n));
}

/** True once a PDF is whole: cups-pdf writes in place, so a file can be seen half written. */
async function isComplete(file: string): Promise<boolean> {
  return run('pdfinfo', [file]).then(
    () => true,
    () => false,
  );
}

/** Waits until `count` complete PDFs that were not in `before` are in `dir`, and returns them. */
export async function waitForNewPdfs(dir: string, before: string[], count: number): Promise<string[]> {
  let fresh: string[] = [];
  await expect
    .poll(
      async () => {
        fresh = (await pdfsIn(dir)).filter((f) => !before.includes(f));
        const complete = await Promise.all(fresh.map(isComplete));
        return complete.filter(Boolean).length;
      },
      { timeout: 45_000, message: `waiting for ${count} new PDF(s) in ${dir}` },
    )
    .toBeGreaterThanOrEqual(count);
  return fresh.sort();
}
