import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../contract/config';
import { ContentRulesSchema, type ContentRules, type Handout, type HandoutSummary } from '../../contract/content';
import type { SuggestionRule, Visit } from '../../contract/suggestions';
import type { ContentProblem, HandoutLibrary } from './handout-library';

/**
 * "Suggested for you" from rules kept as data: the config's `handouts.rules`, then the content
 * folder's rules.json. Pure apart from reading that file; the visit is used for one answer and
 * kept nowhere.
 */

export const RULES_FILE = 'rules.json';
/** "Suggested for you" is a short list to choose from, not the library. */
export const MAX_SUGGESTIONS = 12;

/** What the rules read of the library. */
export type RuleLibrary = Pick<HandoutLibrary, 'list' | 'get' | 'summaries'>;

/** A problem with a rule, by where it is: `rules[2].suggest.topics`. */
export interface RuleProblem {
  path: string;
  message: string;
}

const NO_RULES: ContentRules = { reasons: [], rules: [] };

/** Parses rules.json: its reasons and rules, or every problem with its path. */
export function parseContentRules(text: string): { ok: true; value: ContentRules } | { ok: false; problems: RuleProblem[] } {
  let json: unknown;
  try {
    // Editors on Windows may save UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = ContentRulesSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({
      path: i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || '(top level)',
      message: i.message,
    })),
  };
}

/**
 * Reads the content folder's rules.json. Rules are optional, so no file means none. A bad file is
 * a content problem and gives none: the kiosk keeps running on the config's rules alone.
 */
export async function loadContentRules(dir: string): Promise<{ value: ContentRules; problems: ContentProblem[] }> {
  let text: string;
  try {
    text = await readFile(join(dir, RULES_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { value: NO_RULES, problems: [] };
    return {
      value: NO_RULES,
      problems: [{ file: RULES_FILE, message: `cannot read it (${code ?? 'unknown error'}); no suggestion rules from the content are used` }],
    };
  }
  const parsed = parseContentRules(text);
  if (parsed.ok) return { value: parsed.value, problems: [] };
  const problems = parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return { value: NO_RULES, problems: [{ file: RULES_FILE, message: `${problems}; no suggestion rules from the content are used` }] };
}

/** The ids that rules may name. */
export interface KnownIds {
  handouts: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  reasons: ReadonlySet<string>;
}

/** Every id the rules name that the content lacks: such a rule quietly suggests less, or nothing. */
export function unknownRuleIds(rules: readonly SuggestionRule[], known: KnownIds, at: string): RuleProblem[] {
  return rules.flatMap((rule, i) => {
    const path = `${at}[${i}]`;
    const { reason } = rule.when;
    return [
      ...(reason && !known.reasons.has(reason) ? [{ path: `${path}.when.reason`, message: `unknown reason "${reason}"` }] : []),
      ...(rule.suggest.handouts ?? [])
        .filter((id) => !known.handouts.has(id))
        .map((id) => ({ path: `${path}.suggest.handouts`, message: `unknown handout "${id}"` })),
      ...(rule.suggest.topics ?? []).filter((id) => !known.topics.has(id)).map((id) => ({ path: `${path}.suggest.topics`, message: `unknown topic "${id}"` })),
    ];
  });
}

/**
 * For the log when the kiosk loads: ids the rules name that the library lacks (topics: that no
 * handout has), and named handouts missing in one of the kiosk's languages.
 */
export function ruleWarnings(
  sets: { at: string; rules: readonly SuggestionRule[] }[],
  reasons: ContentRules['reasons'],
  library: RuleLibrary,
  languages: readonly Language[],
): RuleProblem[] {
  // Unsorted: sorting every language's list (thousands of titles) would hold up the start.
  const lists = languages.map((lang) => ({ lang, handouts: library.summaries(lang) }));
  const known: KnownIds = {
    handouts: new Set(lists.flatMap((l) => l.handouts.map((h) => h.id))),
    topics: new Set(lists.flatMap((l) => l.handouts.flatMap((h) => h.topics))),
    reasons: new Set(reasons.map((r) => r.id)),
  };
  return sets.flatMap(({ at, rules }) => [
    ...unknownRuleIds(rules, known, at),
    ...rules.flatMap((rule, i) =>
      (rule.suggest.handouts ?? []).flatMap((id) =>
        known.handouts.has(id)
          ? lists
              .filter((l) => !l.handouts.some((h) => h.id === id))
              .map((l) => ({ path: `${at}[${i}].suggest.handouts`, message: `handout "${id}" has no ${l.lang} version` }))
          : [],
      ),
    ),
  ]);
}

/** A handout as rules see it: what a list shows, and its codes. */
interface Candidate {
  summary: HandoutSummary;
  codes: Handout['codes'];
}

const applies = ({ outcome, party, reason }: SuggestionRule['when'], visit: Visit): boolean =>
  (!outcome || outcome === visit.outcome) && (!party || party === visit.party) && (!reason || reason === visit.reason);

/** An ICD-10-CM rule code matches itself and every code under it (R50 → R50.9); SNOMED CT ids match exactly. */
function fits({ topics = [], codes = {} }: SuggestionRule['suggest'], { summary, codes: has }: Candidate): boolean {
  return (
    topics.some((t) => summary.topics.includes(t)) ||
    (codes.icd10cm ?? []).some((prefix) => has.icd10cm.some((code) => code.startsWith(prefix))) ||
    (codes.snomedct ?? []).some((id) => has.snomedct.includes(id))
  );
}

/** Answers "what fits this visit?" from the rules, over one loaded library. */
export class Suggestions {
  /** Per language: handouts by id, and in title order with their codes. Built once, on first use. */
  private readonly indexes = new Map<Language, { byId: Map<string, HandoutSummary>; byTitle: Candidate[] }>();

  /** `rules` in the order they are read: the config's, then the content's. */
  constructor(
    private readonly library: RuleLibrary,
    private readonly rules: readonly SuggestionRule[],
  ) {}

  /**
   * Each rule that applies, in order, adds the handouts it names, then those with its topics or
   * codes by title; only handouts in `lang`, none twice, at most MAX_SUGGESTIONS.
   */
  suggest(visit: Visit, lang: Language): HandoutSummary[] {
    const { byId, byTitle } = this.index(lang);
    const found = new Map<string, HandoutSummary>();
    const add = (handout: HandoutSummary | undefined) => {
      if (handout && found.size < MAX_SUGGESTIONS) found.set(handout.id, handout);
    };
    for (const rule of this.rules) {
      if (found.size >= MAX_SUGGESTIONS) break;
      if (!applies(rule.when, visit)) continue;
      for (const id of rule.suggest.handouts ?? []) add(byId.get(id));
      if (!rule.suggest.topics && !rule.suggest.codes) continue;
      for (const candidate of byTitle) {
        if (found.size >= MAX_SUGGESTIONS) break;
        if (fits(rule.suggest, candidate)) add(candidate.summary);
      }
    }
    return [...found.values()];
  }

  private index(lang: Language) {
    let index = this.indexes.get(lang);
    if (!index) {
      const { handouts } = this.library.list(lang);
      index = {
        byId: new Map(handouts.map((h) => [h.id, h])),
        byTitle: handouts.map((summary) => ({ summary, codes: this.library.get(summary.id, lang)?.codes ?? { icd10cm: [], snomedct: [] } })),
      };
      this.indexes.set(lang, index);
    }
    return index;
  }
}
