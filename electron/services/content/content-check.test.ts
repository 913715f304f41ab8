import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent, findShippedContent, formatReport, type CheckProblem } from './content-check';
import { safetyProblems } from './content-safety';
import { readingGrade } from './reading-grade';
import { handoutText } from '../../testing/handout-text';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'content');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'check');
const NOW = new Date('2026-11-28T12:00:00Z');

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-content-check-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A content folder with the fixtures' topics.json and these handout files (fixture names or texts). */
async function folder(files: Record<string, string | null>): Promise<string> {
  const dir = join(root, `content-${++counter}`);
  await mkdir(join(dir, 'handouts'), { recursive: true });
  await copyFile(join(FIXTURES, 'topics.json'), join(dir, 'topics.json'));
  for (const [name, text] of Object.entries(files)) {
    if (text === null) await copyFile(join(FIXTURES, 'handouts', name), join(dir, 'handouts', name));
    else await writeFile(join(dir, 'handouts', name), text);
  }
  return dir;
}

/** The problems of one fixture file checked on its own, without file names. */
async function checkFixture(name: string, options: { languages?: string[] } = {}): Promise<Omit<CheckProblem, 'file'>[]> {
  const report = await checkContent(await folder({ [name]: null }), { languages: ['en'], now: NOW, ...options });
  return report.problems.map(({ file, ...rest }) => {
    expect(file).toBe(`handouts/${name}`);
    return rest;
  });
}

describe('the shipped content', () => {
  it('has no errors', async () => {
    const report = await checkContent(SHIPPED);
    expect(report.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(report.files).toBeGreaterThanOrEqual(16);
  });

  it('is found from the bundled CLI, an install and the sources', () => {
    expect(findShippedContent(join(SHIPPED, '..', 'dist', 'electron'))).toBe(SHIPPED);
    expect(findShippedContent(join(import.meta.dirname))).toBe(SHIPPED);
    expect(findShippedContent(tmpdir())).toBeUndefined();
  });
});

describe('one fixture per reason (electron/services/content/fixtures/check)', () => {
  const error = (line: number, reason: string | RegExp) => ({
    line,
    level: 'error',
    reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
  });
  const warning = (line: number, reason: string | RegExp) => ({
    line,
    level: 'warning',
    reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
  });

  it.each([
    ['bad-front-matter.en.md', [error(7, /^front matter is not valid YAML: /)]],
    ['missing-title.en.md', [error(1, 'missing required field title')]],
    ['unknown-related.en.md', [error(7, 'related handout "no-such-handout" does not exist')]],
    ['raw-html-div.en.md', [error(21, 'raw HTML <div> is not allowed')]],
    ['raw-html-img-onerror.en.md', [error(21, 'raw HTML <img> is not allowed (it has an onerror= script)')]],
    ['script-tag.en.md', [error(21, '<script> is not allowed: content is never run')]],
    ['html-in-front-matter.en.md', [error(14, 'raw HTML <b> is not allowed (it has an onmouseover= script)')]],
    ['escaped-html-in-front-matter.en.md', [error(4, '<script> is not allowed: content is never run')]],
    ['javascript-link.en.md', [error(21, 'link to a "javascript:" address: only http(s) links are allowed')]],
    ['encoded-javascript-link.en.md', [error(21, 'link to "&#106;avascript:alert(1)" is not an http(s) address')]],
    ['javascript-autolink.en.md', [error(21, 'autolink to a "javascript:" address: only http(s) links are allowed')]],
    ['data-link.en.md', [error(21, 'link to a "data:" address: only http(s) links are allowed')]],
    ['mailto-link.en.md', [error(21, 'link to a "mailto:" address: only http(s) links are allowed')]],
    ['tel-link.en.md', [error(21, 'link to a "tel:" address: only http(s) links are allowed')]],
    ['bad-link-definition.en.md', [error(23, 'link definition: link to a "javascript:" address: only http(s) links are allowed')]],
    ['image.en.md', [error(21, 'images are not allowed (the kiosk does not show them)')]],
    ['http-link.en.md', [warning(21, 'plain http:// link (http://example.org/colds): use https:// where the site has it')]],
    ['stale.en.md', [warning(10, 'stale: current as of 2023-06-01, more than 24 months ago; review it and update currentAsOf')]],
    ['hard-to-read.en.md', [warning(17, /^reading grade (9|\d\d)\.\d \(Flesch-Kincaid\) is above grade 8/)]],
    ['https-link.en.md', []],
  ] as const)('%s', async (name, expected) => {
    expect(await checkFixture(name)).toEqual(expected);
  });

  it('missing-translation.en.md: a warning naming the missing file', async () => {
    expect(await checkFixture('missing-translation.en.md', { languages: ['en', 'es'] })).toEqual([
      warning(1, 'no es translation: handouts/missing-translation.es.md is missing'),
    ]);
  });

  it('the whole fixture folder: errors first, then warnings, and a summary', async () => {
    const report = await checkContent(FIXTURES, { now: NOW });
    const levels = report.problems.map((p) => p.level);
    expect(levels).toEqual([...levels].sort());
    const text = formatReport(report, 'fixtures');
    expect(text).toContain('fixtures/handouts/script-tag.en.md:21: error: <script> is not allowed');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^fixtures: 21 handout files, 16 errors, 3 warnings$/);
  });
});

describe('rules.json: one fixture per reason (fixtures/check/rules)', () => {
  /** The problems with rules.json when it is this fixture, beside one handout in topic "colds". */
  async function checkRulesFixture(name: string): Promise<string[]> {
    const dir = await folder({ 'missing-translation.en.md': null });
    await copyFile(join(FIXTURES, 'rules', name), join(dir, 'rules.json'));
    const report = await checkContent(dir, { languages: ['en', 'es'], now: NOW });
    return report.problems.filter((p) => p.file === 'rules.json').map((p) => `${p.line}: ${p.level}: ${p.reason}`);
  }

  it.each([
    ['good.json', []],
    [
      'bad-schema.json',
      [
        '1: error: reasons[0].id: use lowercase letters, digits and dashes',
        '1: error: rules[0].when: say when the rule applies: outcome, party or reason',
        '1: error: rules[1].suggest.codes.icd10cm[0]: an ICD-10-CM code such as O26.89 or R50.9',
        '1: error: rules[1]: Unrecognized key: "priority"',
      ],
    ],
    [
      'unknown-ids.json',
      [
        '1: error: rules[0].when.reason: unknown reason "pregnancy"',
        '1: error: rules[0].suggest.topics: unknown topic "pregnancy"',
        '1: error: rules[1].suggest.handouts: unknown handout "no-such-handout"',
      ],
    ],
    ['missing-label.json', ['1: warning: reasons[0].label: no es label for reason "cold", so its button shows in another language']],
  ])('%s', async (name, expected) => {
    expect(await checkRulesFixture(name)).toEqual(expected);
  });

  it('a folder without rules.json is fine: rules are optional', async () => {
    const report = await checkContent(await folder({ 'missing-translation.en.md': null }), { now: NOW });
    expect(report.problems).toEqual([]);
  });
});

describe('front matter', () => {
  const good = handoutText({ id: 'good', lang: 'en', title: 'A good handout', summary: 'A short summary of this handout.' });

  it.each([
    ['summary', 'summary'],
    ['credits', 'credits'],
    ['currentAsOf', 'currentAsOf (the current-as-of date)'],
    ['review', 'review (review status: sample or reviewed)'],
  ])('names a missing %s', async (field, named) => {
    const without = good.replace(new RegExp(`^${field}:.*\\n(  .*\\n)*`, 'm'), '');
    const { problems } = await checkContent(await folder({ 'good.en.md': without }), { now: NOW });
    expect(problems).toEqual([{ file: 'handouts/good.en.md', line: 1, level: 'error', reason: `missing required field ${named}` }]);
  });

  it('points at the line of a bad or unknown field, a bad topic, and a name mismatch', async () => {
    const text = good
      .replace('review: sample', 'review: maybe\nsurprise: 1')
      .replace('topics: [colds]', 'topics: [astrology]')
      .replace('id: good', 'id: other');
    const { problems } = await checkContent(await folder({ 'good.en.md': text }), { now: NOW });
    expect(problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '2: id and lang must match the file name (good, en)',
      '6: topic "astrology" is not in topics.json',
      expect.stringMatching(/^11: review: /),
      '12: unknown field "surprise"',
    ]);
  });

  it('warns about a related handout without this language, and infers the languages from the files', async () => {
    const dir = await folder({
      'a.en.md': handoutText({ id: 'a', lang: 'en', title: 'Handout A', summary: 'A short summary of this handout.', related: ['b'] }),
      'a.es.md': handoutText({ id: 'a', lang: 'es', title: 'Folleto A', summary: 'Un resumen corto de este folleto.', related: ['b'] }),
      'b.en.md': handoutText({ id: 'b', lang: 'en', title: 'Handout B', summary: 'A short summary of this handout.' }),
    });
    const report = await checkContent(dir, { now: NOW });
    expect(report.problems).toEqual([
      { file: 'handouts/a.es.md', line: 7, level: 'warning', reason: 'related handout "b" has no es version, so the es handout will not link to it' },
      { file: 'handouts/b.en.md', line: 1, level: 'warning', reason: 'no es translation: handouts/b.es.md is missing' },
    ]);
    expect(report.notes).toEqual([expect.stringMatching(/^reading grade not measured for "es"/)]);
  });

  it('takes the stale limit in months', async () => {
    const text = good.replace('currentAsOf: 2026-11-15', 'currentAsOf: 2026-01-15');
    const dir = await folder({ 'good.en.md': text });
    expect((await checkContent(dir, { now: NOW })).problems).toEqual([]);
    expect((await checkContent(dir, { now: NOW, staleMonths: 6 })).problems).toEqual([
      expect.objectContaining({ line: 10, level: 'warning', reason: expect.stringContaining('more than 6 months ago') }),
    ]);
  });
});

describe('safetyProblems', () => {
  it('allows plain text, https links, a < that opens no tag, and character references', () => {
    expect(safetyProblems('Call [the clinic](https://example.org/a_(b)) if 3 < 4 or a <3 or &lt;b&gt;.\n')).toEqual([]);
  });

  it('catches a link address on the next line, a <...> address, and a relative address', () => {
    expect(safetyProblems('[a](\njavascript:x)\n[b](<vbscript:y>)\n[c](other.md)\n[d]()').map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '2: link to a "javascript:" address: only http(s) links are allowed',
      '3: autolink to a "vbscript:" address: only http(s) links are allowed',
      '3: link to a "vbscript:" address: only http(s) links are allowed',
      '4: link to "other.md" is not an http(s) address',
      '5: link without an address: only http(s) links are allowed',
    ]);
  });

  it('refuses HTML comments, email autolinks, https autolinks and definitions in a list', () => {
    expect(safetyProblems('<!-- hi -->\n<a@b.org>\n<https://example.org>\n- [x]: data:text/html,hi\n').map((p) => p.line)).toEqual([1, 2, 3, 4]);
  });
});

describe('readingGrade', () => {
  it('grades plain words low and long words high, ignoring Markdown marks', () => {
    const plain = '## Rest\n\n- Drink water.\n- Sleep a lot.\n\nRest at home. Call us if you feel worse. Wash your hands. Stay home from work or school.';
    expect(readingGrade(plain)).toBeLessThan(4);
    const dense = (
      'Physiological dehydration necessitates considerable supplementary electrolyte administration, ' +
      'particularly amongst immunocompromised individuals experiencing gastrointestinal disturbances. '
    ).repeat(2);
    expect(readingGrade(dense)).toBeGreaterThan(12);
    expect(readingGrade('**Too** short.')).toBeUndefined();
  });

  it('grades the shipped fever handout at grade 8 or below', async () => {
    const text = await readFile(join(SHIPPED, 'handouts', 'fever.en.md'), 'utf8');
    expect(readingGrade(text.split('\n---\n')[1]!)).toBeLessThanOrEqual(8);
  });
});
