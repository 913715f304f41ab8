import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { HandoutSchema } from '../../contract/content';
import { handoutText } from '../../testing/handout-text';
import { HandoutLibrary, parseHandoutFile } from './handout-library';

const TOPICS = { colds: { en: 'Colds' } };

/** A valid handout file, with this online address if given. */
const colds = (url?: string) =>
  handoutText(
    { id: 'colds', lang: 'en', title: 'Colds', summary: 'A short summary of this handout.', ...(url !== undefined && { url }) },
    'Rest and drink water.',
  );

describe('a handout\'s online address (front matter "url", printed as a QR code)', () => {
  it('is passed through when it is an https address', () => {
    const handout = parseHandoutFile('colds.en.md', colds('https://medlineplus.gov/commoncold.html'), TOPICS);
    expect(handout).toMatchObject({ url: 'https://medlineplus.gov/commoncold.html' });
  });

  it('is optional, and absent when not given', () => {
    const handout = parseHandoutFile('colds.en.md', colds(), TOPICS);
    expect(handout).not.toHaveProperty('message');
    expect(handout).not.toHaveProperty('url');
  });

  it.each(['http://medlineplus.gov/commoncold.html', 'javascript:alert(1)', 'medlineplus.gov/commoncold.html', 'https:commoncold', 'https://localhost/x'])(
    'is refused when it is %s',
    (url) => {
      const result = parseHandoutFile('colds.en.md', colds(url), TOPICS);
      expect(result).toEqual({ message: expect.stringContaining('url:') });
    },
  );

  it("is on the shipped handouts that have a MedlinePlus page, in the reader's language", async () => {
    const library = await HandoutLibrary.load(join(import.meta.dirname, '..', '..', '..', 'content'));
    expect(library.problems).toEqual([]);
    expect(library.get('fever', 'en')?.url).toBe('https://medlineplus.gov/fever.html');
    expect(library.get('fever', 'es')?.url).toBe('https://medlineplus.gov/spanish/fever.html');
    expect(library.get('visitor-policy', 'en')?.url).toBeUndefined();
    for (const lang of ['en', 'es'] as const) {
      for (const { id } of library.list(lang).handouts) {
        const handout = library.get(id, lang)!;
        expect(HandoutSchema.parse(handout)).toEqual(handout);
        if (handout.url)
          expect(handout.url).toMatch(lang === 'es' ? /^https:\/\/medlineplus\.gov\/spanish\/[a-z]+\.html$/ : /^https:\/\/medlineplus\.gov\/[a-z]+\.html$/);
      }
    }
  });
});
