import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../contract/config';
import type { SuggestionRule, Visit } from '../../contract/suggestions';
import { handoutText, type TestFront } from '../../testing/handout-text';
import { HandoutLibrary } from './handout-library';
import { loadContentRules, MAX_SUGGESTIONS, ruleWarnings, Suggestions } from './suggestions';

const TOPICS = {
  colds: { en: 'Colds', es: 'Resfriados' },
  pregnancy: { en: 'Pregnancy' },
  children: { en: 'Children' },
  fever: { en: 'Fever' },
  other: { en: 'Other' },
  many: { en: 'Many' },
};

/** Each handout in English and, unless `enOnly`, in Spanish ("ES " before the title). */
const HANDOUTS: Array<TestFront & { title: string; enOnly?: boolean }> = [
  { id: 'home-care', title: 'Caring for a cold at home', topics: ['colds'], lang: 'en' },
  { id: 'hands', title: 'Clean hands', topics: ['colds'], lang: 'en' },
  { id: 'fever', title: 'Fever', topics: ['fever'], lang: 'en', codes: { icd10cm: ['R50.9'], snomedct: ['386661006'] } },
  { id: 'child-fever', title: "A child's fever", topics: ['children'], lang: 'en', codes: { icd10cm: ['R50.81'], snomedct: ['444444444'] } },
  { id: 'headache', title: 'Headache', topics: ['other'], lang: 'en', codes: { icd10cm: ['R51.9'] } },
  { id: 'cramps', title: 'Leg cramps in pregnancy', topics: ['pregnancy'], lang: 'en', enOnly: true },
  ...Array.from({ length: MAX_SUGGESTIONS + 3 }, (_, i) => ({
    id: `many-${i}`,
    title: `Many ${String(i).padStart(2, '0')}`,
    topics: ['many'],
    lang: 'en',
    enOnly: true,
  })),
];

const CONTENT_RULES: SuggestionRule[] = [
  { when: { outcome: 'stay-out' }, suggest: { handouts: ['home-care', 'hands', 'fever'] } },
  { when: { reason: 'pregnancy' }, suggest: { topics: ['pregnancy'] } },
  { when: { party: 'patient-with-guardian' }, suggest: { handouts: ['child-fever'] } },
  { when: { outcome: 'come-in' }, suggest: { handouts: ['hands'] } },
];

let dir: string;
let library: HandoutLibrary;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-suggestions-'));
  await mkdir(join(dir, 'handouts'));
  await writeFile(join(dir, 'topics.json'), JSON.stringify(TOPICS));
  for (const { enOnly, ...front } of HANDOUTS) {
    const summary = 'A short summary of this handout.';
    await writeFile(join(dir, 'handouts', `${front.id}.en.md`), handoutText({ ...front, summary }));
    if (!enOnly) await writeFile(join(dir, 'handouts', `${front.id}.es.md`), handoutText({ ...front, lang: 'es', title: `ES ${front.title}`, summary }));
  }
  library = await HandoutLibrary.load(dir);
  expect(library.problems).toEqual([]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const visit = (v: Partial<Visit> = {}): Visit => ({ outcome: 'come-in', party: 'patient', reason: null, ...v });
/** The ids suggested for a visit under these rules. */
const ids = (rules: SuggestionRule[], v: Partial<Visit> = {}, lang: Language = 'en') =>
  new Suggestions(library, rules).suggest(visit(v), lang).map((h) => h.id);
const byCodes = (codes: { icd10cm?: string[]; snomedct?: string[] }) => ids([{ when: { outcome: 'come-in' }, suggest: { codes } }]);

describe('Suggestions', () => {
  it('by outcome: the handouts a rule names, in its order', () => {
    expect(ids(CONTENT_RULES, { outcome: 'stay-out' })).toEqual(['home-care', 'hands', 'fever']);
    expect(ids(CONTENT_RULES, { outcome: 'come-in' })).toEqual(['hands']);
  });

  it('by who came: a guardian with a child gets the child handout first', () => {
    expect(ids(CONTENT_RULES, { party: 'patient-with-guardian' })).toEqual(['child-fever', 'hands']);
    expect(ids(CONTENT_RULES, { party: 'visitor' })).toEqual(['hands']);
  });

  it('by reason, through a topic; a handout missing in the language is left out', () => {
    expect(ids(CONTENT_RULES, { reason: 'pregnancy' })).toEqual(['cramps', 'hands']);
    expect(ids(CONTENT_RULES, { reason: 'pregnancy' }, 'es')).toEqual(['hands']);
    expect(ids(CONTENT_RULES, { reason: 'something-else' })).toEqual(['hands']);
    expect(new Suggestions(library, CONTENT_RULES).suggest(visit({ outcome: 'stay-out' }), 'es').map((h) => h.title)).toEqual([
      'ES Caring for a cold at home',
      'ES Clean hands',
      'ES Fever',
    ]);
  });

  it('applies a rule only when every key of `when` matches', () => {
    const rules: SuggestionRule[] = [{ when: { outcome: 'come-in', party: 'patient-with-guardian', reason: 'pregnancy' }, suggest: { handouts: ['cramps'] } }];
    expect(ids(rules, { party: 'patient-with-guardian', reason: 'pregnancy' })).toEqual(['cramps']);
    expect(ids(rules, { party: 'patient', reason: 'pregnancy' })).toEqual([]);
    expect(ids(rules, { party: 'patient-with-guardian', reason: null })).toEqual([]);
    expect(ids(rules, { outcome: 'stay-out', party: 'patient-with-guardian', reason: 'pregnancy' })).toEqual([]);
  });

  it('named handouts first, then topic matches by title; rules in order, no handout twice', () => {
    const rules: SuggestionRule[] = [
      { when: { outcome: 'come-in' }, suggest: { handouts: ['fever', 'hands'], topics: ['colds', 'children'] } },
      { when: { outcome: 'come-in' }, suggest: { handouts: ['headache', 'fever'] } },
    ];
    expect(ids(rules)).toEqual(['fever', 'hands', 'child-fever', 'home-care', 'headache']);
  });

  it('an ICD-10-CM code matches itself and the codes under it', () => {
    expect(byCodes({ icd10cm: ['R50'] })).toEqual(['child-fever', 'fever']);
    expect(byCodes({ icd10cm: ['R50.8'] })).toEqual(['child-fever']);
    expect(byCodes({ icd10cm: ['R50.9'] })).toEqual(['fever']);
    expect(byCodes({ icd10cm: ['R52'] })).toEqual([]);
  });

  it('a SNOMED CT id matches exactly, never as a prefix', () => {
    expect(byCodes({ snomedct: ['386661006'] })).toEqual(['fever']);
    expect(byCodes({ snomedct: ['38666100'] })).toEqual([]);
    expect(byCodes({ snomedct: ['444444444'], icd10cm: ['R51'] })).toEqual(['child-fever', 'headache']);
  });

  it(`stops at ${MAX_SUGGESTIONS}, keeping the named handouts`, () => {
    const suggested = ids([{ when: { outcome: 'come-in' }, suggest: { handouts: ['fever'], topics: ['many'] } }]);
    expect(suggested).toHaveLength(MAX_SUGGESTIONS);
    expect(suggested.slice(0, 3)).toEqual(['fever', 'many-0', 'many-1']);
  });
});

describe('loadContentRules', () => {
  const folderWith = async (name: string, text?: string) => {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    if (text !== undefined) await writeFile(join(folder, 'rules.json'), text);
    return folder;
  };

  it('a folder without rules.json has no rules and no problem', async () => {
    expect(await loadContentRules(await folderWith('none'))).toEqual({ value: { reasons: [], rules: [] }, problems: [] });
  });

  it('reads reasons and rules, also from a file saved with a byte-order mark', async () => {
    const value = { reasons: [{ id: 'pregnancy', label: { en: 'Pregnancy', es: 'Embarazo' } }], rules: CONTENT_RULES };
    expect(await loadContentRules(await folderWith('good', `\uFEFF${JSON.stringify(value)}`))).toEqual({ value, problems: [] });
  });

  it('a bad file gives no rules and one content problem naming each fault', async () => {
    const bad = {
      reasons: [
        { id: 'a', label: { en: 'A' } },
        { id: 'a', label: { en: 'Also A' } },
      ],
      rules: [
        { when: {}, suggest: { handouts: ['fever'] } },
        { when: { outcome: 'maybe' }, suggest: {} },
      ],
    };
    const { value, problems } = await loadContentRules(await folderWith('bad', JSON.stringify(bad)));
    expect(value).toEqual({ reasons: [], rules: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('rules.json');
    for (const path of ['reasons[1].id: duplicate reason id "a"', 'rules[0].when: say when', 'rules[1].when.outcome', 'rules[1].suggest: say what']) {
      expect(problems[0]!.message).toContain(path);
    }
    expect((await loadContentRules(await folderWith('not-json', '{ "rules": [ '))).problems).toEqual([
      { file: 'rules.json', message: expect.stringMatching(/^\(file\): not valid JSON: /) },
    ]);
  });
});

describe('ruleWarnings', () => {
  it('names unknown handouts, topics and reasons, and named handouts missing in a language', () => {
    const config: SuggestionRule[] = [{ when: { reason: 'long-term' }, suggest: { handouts: ['no-such', 'cramps'], topics: ['colds', 'astrology'] } }];
    const reasons = [{ id: 'pregnancy', label: { en: 'Pregnancy' } }];
    expect(
      ruleWarnings(
        [
          { at: 'handouts.rules', rules: config },
          { at: 'rules.json: rules', rules: CONTENT_RULES },
        ],
        reasons,
        library,
        ['en', 'es'],
      ),
    ).toEqual([
      { path: 'handouts.rules[0].when.reason', message: 'unknown reason "long-term"' },
      { path: 'handouts.rules[0].suggest.handouts', message: 'unknown handout "no-such"' },
      { path: 'handouts.rules[0].suggest.topics', message: 'unknown topic "astrology"' },
      { path: 'handouts.rules[0].suggest.handouts', message: 'handout "cramps" has no es version' },
    ]);
  });
});
