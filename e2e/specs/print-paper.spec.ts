import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../fixtures/kiosk-host';
import { pdfPages, pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

const run = promisify(execFile);

/** The QR codes on a PDF's first page, read back with zbarimg from a 200 dpi rendering. */
async function qrCodes(pdf: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-qr-'));
  try {
    await run('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-png', pdf, join(dir, 'page')]);
    const { stdout } = await run('zbarimg', ['--quiet', '--raw', join(dir, 'page-1.png')]).catch(() => ({ stdout: '' }));
    return stdout.split('\n').filter(Boolean);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test.use({ useTestQueue: true, kioskConfig: { handouts: { maxPerSession: 5 } } });

for (const count of [1, 2, 5]) {
  test(`printing ${count} handout(s) through CUPS gives exactly those ${count} PDF(s), each a full clinic handout`, async ({ kiosk, page, queue }) => {
    await kiosk.toHandouts();
    await kiosk.button('All topics').click();
    const cards = page.locator('[data-handout]');
    const titles: string[] = [];
    for (let i = 0; i < count; i++) {
      titles.push((await cards.nth(i).locator('h2').textContent())!);
      await cards
        .nth(i)
        .getByRole('button', { name: /^Add to my pages/ })
        .click();
    }
    const before = await pdfsIn(queue!.outDir);
    await kiosk.button(`Print my handouts (${count})`).click();
    // Five handouts can take CUPS longer than the patient is asked to wait: done, or "on their way".
    await expect(page.locator('[data-screen="printed-done"], [data-screen="printed-slow"]')).toBeVisible({ timeout: 30_000 });

    const pdfs = await waitForNewPdfs(queue!.outDir, before, count);
    expect(pdfs).toHaveLength(count);
    const printedTitles: string[] = [];
    for (const pdf of pdfs) {
      const text = await pdfText(pdf);
      const pages = await pdfPages(pdf);
      // A long title wraps on paper: compare with line breaks folded into spaces. The handout's own
      // title comes first; other titles may follow under "Related handouts".
      const flat = text.replace(/\s+/g, ' ');
      const [own] = titles.filter((t) => flat.includes(t)).sort((a, b) => flat.indexOf(a) - flat.indexOf(b));
      printedTitles.push(own ?? `(no known title in ${pdf})`);
      const sheets = text.split('\f').filter((p) => p.trim());
      expect(sheets).toHaveLength(pages);
      sheets.forEach((sheet, i) => {
        // Every page: clinic, disclaimer, credits, current-as-of date, "n of N".
        expect(sheet).toContain('Riverside Family Clinic');
        expect(sheet).toContain('It does not replace advice from your doctor');
        expect(sheet).toContain('Written by');
        expect(sheet).toMatch(/Current as of \w+ \d+, \d{4}/);
        expect(sheet).toContain(`${i + 1} of ${pages}`);
      });
      // A handout with an online address carries it as a QR code that a phone can read.
      const url = /https:\/\/medlineplus\.gov\/\S+\.html/.exec(text)?.[0];
      expect(await qrCodes(pdf)).toEqual(url ? [url] : []);
    }
    expect(printedTitles.sort()).toEqual([...titles].sort());
  });
}
