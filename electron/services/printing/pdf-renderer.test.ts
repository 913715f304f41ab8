import { describe, expect, it } from 'vitest';
import { makePdf } from '../../testing/make-pdf';
import { countPdfPages } from './pdf-renderer';

describe('countPdfPages', () => {
  it('counts the pages of a 2-page PDF, not the page tree', () => {
    expect(countPdfPages(makePdf({ pages: 2 }))).toBe(2);
    expect(countPdfPages(makePdf({ pages: 1 }))).toBe(1);
  });

  it('reads the compact form Chromium writes, and says 0 for something that is not a PDF', () => {
    const compact = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj<</Type/Pages/Count 3>>endobj 2 0 obj<</Type/Page>>endobj 3 0 obj<</Type/Page/Parent 1 0 R>>endobj 4 0 obj<</Type /Page>>endobj',
    );
    expect(countPdfPages(compact)).toBe(3);
    expect(countPdfPages(new TextEncoder().encode('<html>not a pdf</html>'))).toBe(0);
  });
});
