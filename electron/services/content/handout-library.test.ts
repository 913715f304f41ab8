import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandoutLibrary } from './handout-library';
import { handoutText, type TestFront } from '../../testing/handout-text';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'content');

describe('the shipped library (content/)', () => {
  let library: HandoutLibrary;
  beforeAll(async () => {
    library = await HandoutLibrary.load(SHIPPED);
  });

  it('loads without problems', () => {
    expect(library.problems).toEqual([]);
    expect(library.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('has at least 8 handouts, each in English and Spanish', () => {
    const en = library
      .list('en')
      .handouts.map((h) => h.id)
      .sort();
    const es = library
      .list('es')
      .handouts.map((h) => h.id)
      .sort();
    expect(en.length).toBeGreaterThanOrEqual(8);
    expect(es).toEqual(en);
    for (const id of en) {
      expect(library.has(id, 'en'), id).toBe(true);
      expect(library.has(id, 'es'), id).toBe(true);
    }
  });

  it('gives every handout a warning, credits, a date and the "sample" review mark', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const { id } of library.list(lang).handouts) {
        const h = library.get(id, lang)!;
        expect(h.warning.title.length, `${id}.${lang}`).toBeGreaterThan(2);
        expect(h.warning.body.length, `${id}.${lang}`).toBeGreaterThan(9);
        expect(h.credits.author.length, `${id}.${lang}`).toBeGreaterThan(1);
        expect(h.currentAsOf, `${id}.${lang}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(h.review, `${id}.${lang}`).toBe('sample');
        expect(h.body.length, `${id}.${lang}`).toBeGreaterThan(200);
      }
    }
  });

  it('lists Spanish titles in Spanish order, with Spanish topic labels', () => {
    const es = library.list('es');
    const en = library.list('en');
    const titles = es.handouts.map((h) => h.title);
    expect(titles).toEqual([...titles].sort(new Intl.Collator('es').compare));
    expect(titles).toContain('Fiebre');
    expect(titles).toContain('Calambres en las piernas durante el embarazo');
    for (const h of es.handouts) {
      expect(h.lang).toBe('es');
      expect(h.title, h.id).not.toBe(en.handouts.find((e) => e.id === h.id)!.title);
    }

    const labels = Object.fromEntries(es.topics.map((t) => [t.id, t.label]));
    expect(labels).toMatchObject({ pregnancy: 'Embarazo', 'colds-and-flu': 'Resfriados y gripe', prevention: 'Prevención' });
    expect(es.topics.map((t) => t.label)).toEqual(es.topics.map((t) => t.label).sort(new Intl.Collator('es').compare));
    // Exactly the topics the handouts use.
    expect(new Set(es.topics.map((t) => t.id))).toEqual(new Set(es.handouts.flatMap((h) => h.topics)));
  });

  it('has the leg-cramps handout with the blood-clot warning and the toe stretch', () => {
    const h = library.get('leg-cramps-pregnancy', 'en')!;
    expect(h.title).toBe('Leg cramps during pregnancy');
    expect(h.topics).toEqual(['pregnancy']);
    expect(h.body).toMatch(/DVT|blood clot/);
    expect(h.body).toMatch(/[Pp]ull your toes up toward your head/);
    expect(h.warning.body).toMatch(/swollen/);
    expect(h.related).toEqual([{ id: 'dvt-blood-clots', title: 'Blood clots in the leg (DVT)' }]);

    const es = library.get('leg-cramps-pregnancy', 'es')!;
    expect(es.related).toEqual([{ id: 'dvt-blood-clots', title: library.get('dvt-blood-clots', 'es')!.title }]);
    expect(library.get('no-such-handout', 'en')).toBeUndefined();
  });
});

describe('a library with bad files', () => {
  let root: string;
  let counter = 0;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kiosk-library-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const good = (id: string, lang: string, extra: Partial<TestFront> = {}): string =>
    handoutText({ id, lang, title: `Title of ${id} (${lang})`, summary: 'A short summary of this handout.', ...extra });

  async function makeLibrary(files: Record<string, string>): Promise<string> {
    const dir = join(root, `lib-${++counter}`);
    await mkdir(join(dir, 'handouts'), { recursive: true });
    await writeFile(join(dir, 'topics.json'), JSON.stringify({ colds: { en: 'Colds', es: 'Resfriados' } }));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'handouts', name), text);
    return dir;
  }

  it('leaves out each bad file, says which and why, and still loads the good ones', async () => {
    const dir = await makeLibrary({
      'good.en.md': good('good', 'en', { related: ['other'] }),
      'good.es.md': good('good', 'es', { related: ['other'] }),
      'other.en.md': good('other', 'en'),
      'bad-yaml.en.md': '---\nid: bad-yaml\nlang: en\ntitle: [not closed\n---\nBody text here.\n',
      'no-summary.en.md': handoutText({ id: 'no-summary', lang: 'en', title: 'No summary here' }),
      'mismatch.en.md': good('something-else', 'en'),
      'wrong-lang.es.md': good('wrong-lang', 'en'),
      'unknown-topic.en.md': good('unknown-topic', 'en', { topics: ['astrology'] }),
      'raw-html.en.md': handoutText(
        { id: 'raw-html', lang: 'en', title: 'Raw HTML', summary: 'A handout that smuggles in HTML.' },
        'Read this.\n\n<img src=x onerror="alert(1)">\n',
      ),
      'notes.md': good('notes', 'en'),
      'not-markdown.en.txt': 'ignored, not a .md file',
    });
    const library = await HandoutLibrary.load(dir);

    expect(library.list('en').handouts.map((h) => h.id)).toEqual(['good', 'other']);
    expect(library.list('es').handouts.map((h) => h.id)).toEqual(['good']);
    expect(library.get('good', 'en')!.related).toEqual([{ id: 'other', title: 'Title of other (en)' }]);
    // The Spanish version loads, without the link to a handout that has no Spanish version.
    expect(library.get('good', 'es')!.related).toEqual([]);
    expect(library.list('es').topics).toEqual([{ id: 'colds', label: 'Resfriados' }]);

    const byFile = Object.fromEntries(library.problems.map((p) => [p.file, p.message]));
    expect(Object.keys(byFile).sort()).toEqual(
      ['bad-yaml.en.md', 'good.es.md', 'mismatch.en.md', 'no-summary.en.md', 'notes.md', 'raw-html.en.md', 'unknown-topic.en.md', 'wrong-lang.es.md'].sort(),
    );
    expect(library.problems).toHaveLength(8);
    expect(byFile['bad-yaml.en.md']).toContain('not valid YAML');
    expect(byFile['no-summary.en.md']).toContain('summary');
    expect(byFile['mismatch.en.md']).toContain('must match the file name');
    expect(byFile['wrong-lang.es.md']).toContain('must match the file name');
    expect(byFile['unknown-topic.en.md']).toBe('topic "astrology" is not in topics.json');
    expect(byFile['raw-html.en.md']).toBe('raw HTML is not allowed in handouts');
    expect(byFile['notes.md']).toContain('<id>.<lang>.md');
    expect(byFile['good.es.md']).toBe('related handout "other" has no es version');
  });

  it('leaves out a handout with an unsafe link, image or escaped tag, with the line and reason, and loads the rest', async () => {
    const unsafe = (id: string, body: string) =>
      handoutText({ id, lang: 'en', title: `Unsafe ${id}`, summary: 'A handout with something unsafe in it.' }, body);
    const library = await HandoutLibrary.load(
      await makeLibrary({
        'good.en.md': good('good', 'en'),
        'script-link.en.md': unsafe('script-link', 'Read [more](javascript:alert(1)).'),
        'data-link.en.md': unsafe('data-link', 'Read [more](data:text/html;base64,PHNjcmlwdD4=).'),
        'image.en.md': unsafe('image', '![A photo](https://example.org/a.png)'),
        'escaped.en.md': handoutText({
          id: 'escaped',
          lang: 'en',
          title: '"Unsafe \\x3cscript>alert(1)\\x3c/script>"',
          summary: 'A handout with a tag hidden in a YAML escape.',
        }),
      }),
    );
    expect(library.list('en').handouts.map((h) => h.id)).toEqual(['good']);
    expect(Object.fromEntries(library.problems.map((p) => [p.file, p.message]))).toEqual({
      'script-link.en.md': 'line 17: link to a "javascript:" address: only http(s) links are allowed',
      'data-link.en.md': 'line 17: link to a "data:" address: only http(s) links are allowed',
      'image.en.md': 'line 17: images are not allowed (the kiosk does not show them)',
      'escaped.en.md': 'line 4: <script> is not allowed: content is never run',
    });
  });

  it('refuses a handout without body text', async () => {
    const library = await HandoutLibrary.load(
      await makeLibrary({ 'empty.en.md': handoutText({ id: 'empty', lang: 'en', title: 'Empty', summary: 'Nothing below this.' }, '   ') }),
    );
    expect(library.has('empty', 'en')).toBe(false);
    expect(library.problems).toEqual([{ file: 'empty.en.md', message: 'the handout has no body text' }]);
  });

  it('changes its version when a file changes, and only then', async () => {
    const dir = await makeLibrary({ 'good.en.md': good('good', 'en') });
    const first = await HandoutLibrary.load(dir);
    expect((await HandoutLibrary.load(dir)).version).toBe(first.version);

    await writeFile(join(dir, 'handouts', 'good.en.md'), good('good', 'en', { title: 'A new title' }));
    const edited = await HandoutLibrary.load(dir);
    expect(edited.version).not.toBe(first.version);
    expect(edited.get('good', 'en')!.title).toBe('A new title');

    await writeFile(join(dir, 'topics.json'), JSON.stringify({ colds: { en: 'Colds and flu', es: 'Resfriados' } }));
    const relabeled = await HandoutLibrary.load(dir);
    expect(relabeled.version).not.toBe(edited.version);
    expect(relabeled.list('en').topics).toEqual([{ id: 'colds', label: 'Colds and flu' }]);
  });
});
