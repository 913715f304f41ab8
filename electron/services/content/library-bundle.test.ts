import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../testing/recording-logger';
import { HandoutLibrary } from './handout-library';
import { BUNDLE_FILE, buildBundle, loadContent } from './library-bundle';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'content');

let dir: string;
let log: RecordingLogger;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-test-'));
  await cp(join(SHIPPED, 'topics.json'), join(dir, 'topics.json'));
  await cp(join(SHIPPED, 'handouts'), join(dir, 'handouts'), { recursive: true });
  log = new RecordingLogger();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const events = () => log.lines.map((l) => l.event);
const loaded = () => log.lines.find((l) => l.event === 'content-loaded')?.details;

describe('buildBundle and loadContent', () => {
  it('loads the same library and answers the same searches from the bundle as from the Markdown', async () => {
    const fromMarkdown = await loadContent(dir, log, 'en');
    expect(loaded()).toMatchObject({ source: 'markdown' });
    expect(events()).toContain('content-not-compiled');

    await buildBundle(dir);
    log = new RecordingLogger();
    const fromBundle = await loadContent(dir, log, 'en');
    expect(loaded()).toMatchObject({ source: 'bundle', handouts: fromMarkdown.library.toParts().handouts.length });
    expect(fromBundle.library.version).toBe(fromMarkdown.library.version);
    for (const lang of ['en', 'es'] as const) {
      expect(fromBundle.library.list(lang)).toEqual(fromMarkdown.library.list(lang));
      for (const query of ['charley horse', 'blod clot', 'calambres', 'pre', 'fevr']) {
        expect(fromBundle.search.search(lang, query), `${lang} "${query}"`).toEqual(fromMarkdown.search.search(lang, query));
      }
    }
    expect(fromBundle.library.get('fever', 'es')).toEqual(fromMarkdown.library.get('fever', 'es'));
    await fromBundle.afterStart;
    expect(fromBundle.library.problems).toEqual([]);
  });

  it('leaves a broken handout out of the bundle with its reason, and the rest still load', async () => {
    await writeFile(join(dir, 'handouts', 'broken.en.md'), '---\nid: broken\nlang: en\n---\nNo title.\n');
    const { library } = await buildBundle(dir);
    expect(library.problems).toEqual([expect.objectContaining({ file: 'broken.en.md', message: expect.stringContaining('title') })]);

    const content = await loadContent(dir, log, 'en');
    expect(loaded()).toMatchObject({ source: 'bundle' });
    expect(content.library.problems).toEqual(library.problems);
    expect(content.library.has('broken', 'en')).toBe(false);
    expect(content.search.search('en', 'fever')[0]?.id).toBe('fever');
  });

  it('says when the files changed after the bundle was built, and reads the files when asked to skip it', async () => {
    await buildBundle(dir);
    const file = join(dir, 'handouts', 'fever.en.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Fever', 'title: Fever and chills'));

    const content = await loadContent(dir, log, 'en');
    expect(await content.afterStart).toEqual({ bundleStale: true });
    expect(content.library.get('fever', 'en')?.title).toBe('Fever');
    expect(content.library.problems).toEqual([{ file: BUNDLE_FILE, message: expect.stringContaining('content build') }]);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'content-bundle-stale' }));

    const files = await loadContent(dir, log, 'en', true);
    expect(files.library.get('fever', 'en')?.title).toBe('Fever and chills');
    expect(files.library.problems).toEqual([{ file: BUNDLE_FILE, message: expect.stringContaining('out of date') }]);
  });

  it('finds a bundle fresh when the files are the same, whatever their times', async () => {
    await buildBundle(dir);
    const file = join(dir, 'handouts', 'fever.en.md');
    await writeFile(file, await readFile(file, 'utf8'));
    const content = await loadContent(dir, log, 'en');
    expect(await content.afterStart).toEqual({ bundleStale: false });
    expect(content.library.problems).toEqual([]);
  });

  it('still serves a bundle whose Markdown is not beside it, and says it could not compare', async () => {
    await buildBundle(dir);
    await rm(join(dir, 'handouts'), { recursive: true });
    const content = await loadContent(dir, log, 'en');
    await content.afterStart;
    expect(content.search.search('en', 'fever')[0]?.id).toBe('fever');
    expect(events()).toContain('content-bundle-unchecked');
  });

  it.each([
    ['not JSON', (text: string) => text.slice(0, text.length / 2), 'not JSON'],
    ['another format', (text: string) => text.replace('"format":2', '"format":3'), 'format'],
    ['a handout without its title', (text: string) => text.replace('"title":"Fever",', ''), 'title'],
    ['no Spanish search index', (text: string) => text.replace(/,"es":\{"documentCount".*\}\}$/, '}}'), 'no es search index'],
  ])('reads the Markdown instead of a bundle with %s, and logs why', async (_name, spoil, problem) => {
    const { file } = await buildBundle(dir);
    await writeFile(file, spoil(await readFile(file, 'utf8')));
    const content = await loadContent(dir, log, 'en');
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'content-bundle-unusable',
        details: expect.objectContaining({ problem: expect.stringContaining(problem) }),
      }),
    );
    expect(loaded()).toMatchObject({ source: 'markdown' });
    expect(content.search.search('en', 'fever')[0]?.id).toBe('fever');
  });

  it("loads the first language's index before it answers and the others just after", async () => {
    await buildBundle(dir);
    const content = await loadContent(dir, log, 'es');
    expect(loaded()).toMatchObject({ source: 'bundle', indexLanguage: 'es' });
    expect(events()).not.toContain('content-indexes-loaded');
    await content.afterStart;
    expect(events()).toContain('content-indexes-loaded');
    expect(content.search.search('en', 'charley horse')[0]?.id).toBe('leg-cramps-pregnancy');
  });

  it('loads the other languages only once the host has started (it answers requests by then)', async () => {
    await buildBundle(dir);
    let started = () => {};
    const content = await loadContent(dir, log, 'en', false, new Promise<void>((resolve) => (started = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events()).not.toContain('content-indexes-loaded');
    started();
    await content.afterStart;
    expect(events()).toContain('content-indexes-loaded');
    expect(content.search.search('es', 'fiebre')[0]?.id).toBe('fever');
  });

  it.each(['en', 'es'] as const)('builds a %s search index MiniSearch cannot read again from the handouts, and logs why', async (lang) => {
    const { file } = await buildBundle(dir);
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { search: Record<string, { serializationVersion: number }> };
    bundle.search[lang]!.serializationVersion = 99;
    await writeFile(file, JSON.stringify(bundle));
    const content = await loadContent(dir, log, 'en');
    await content.afterStart;
    expect(loaded()).toMatchObject({ source: 'bundle' });
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'content-bundle-unusable',
        details: expect.objectContaining({ problem: expect.stringMatching(new RegExp(`^${lang} search index: .*incompatible`)) }),
      }),
    );
    expect(content.search.search(lang, lang === 'en' ? 'charley horse' : 'calambres')[0]?.id).toBe('leg-cramps-pregnancy');
  });

  it('builds an index saved over other fields again (a bundle from an older kiosk), and logs why', async () => {
    const { file } = await buildBundle(dir);
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { search: Record<string, { fieldIds: Record<string, number> }> };
    bundle.search.en!.fieldIds = { ...bundle.search.en!.fieldIds, body: 4 };
    await writeFile(file, JSON.stringify(bundle));
    const content = await loadContent(dir, log, 'en');
    expect(log.lines).toContainEqual(
      expect.objectContaining({ event: 'content-bundle-unusable', details: expect.objectContaining({ problem: expect.stringContaining('other fields') }) }),
    );
    expect(content.search.search('en', 'charley horse')[0]?.id).toBe('leg-cramps-pregnancy');
  });

  it('writes the version the folder has, so a kiosk can tell a stale bundle', async () => {
    const { file } = await buildBundle(dir);
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { version: string };
    expect(bundle.version).toBe(await HandoutLibrary.sourceVersion(dir));
  });
});
