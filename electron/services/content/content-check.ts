import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import matter from 'gray-matter';
import type { Language } from '../../contract/config';
import { HandoutFrontMatterSchema, TopicLabelsSchema } from '../../contract/content';
import { HANDOUT_FILE_NAME } from './handout-library';
import { fieldLines, frontMatterEnd, handoutSafetyProblems, type Found } from './content-safety';
import { readingGrade } from './reading-grade';
import { parseContentRules, RULES_FILE, unknownRuleIds } from './suggestions';

/**
 * `content check`: everything wrong with a content folder, each with its file and line, for
 * authors and for CI. The kiosk's own loader (handout-library.ts) leaves a bad file out at start;
 * this says so before it ships.
 * Safety scanning is in content-safety.ts, the reading grade in reading-grade.ts.
 */

/** One thing wrong with a content file. Lines are 1-based lines of the file, front matter included. */
export interface CheckProblem {
  /** Relative to the content folder, with forward slashes: `handouts/fever.en.md`. */
  file: string;
  line: number;
  level: 'error' | 'warning';
  reason: string;
}

export interface CheckOptions {
  /** currentAsOf older than this many months is a warning (24). */
  staleMonths?: number;
  /** Every handout in each of these languages; default: every language any handout has. */
  languages?: string[];
  /** Reading grade above this is a warning (8). */
  maxGrade?: number;
  /** For tests: today. */
  now?: Date;
}

export interface CheckReport {
  /** Errors first, then warnings; each sorted by file and line. */
  problems: CheckProblem[];
  /** Things the check did not measure, said once. */
  notes: string[];
  /** Handout files looked at. */
  files: number;
}

export const DEFAULT_STALE_MONTHS = 24;
export const DEFAULT_MAX_GRADE = 8;

/** Languages with a reading-grade formula here. */
const GRADED_LANGUAGES = new Set(['en']);

// ---------------------------------------------------------------------------------------------
// One file.

/** What the folder-wide checks need to know of one handout file. */
interface FileFacts {
  file: string;
  id: string;
  lang: string;
  related: { id: string; line: number }[];
}

const REQUIRED: Record<string, string> = {
  id: 'id',
  lang: 'lang (language)',
  title: 'title',
  summary: 'summary',
  topics: 'topics',
  credits: 'credits',
  'credits.author': 'credits.author',
  currentAsOf: 'currentAsOf (the current-as-of date)',
  review: 'review (review status: sample or reviewed)',
  warning: 'warning (the "when to call" callout)',
  'warning.title': 'warning.title',
  'warning.body': 'warning.body',
};

function checkFile(
  name: string,
  text: string,
  topicIds: Set<string> | undefined,
  options: Required<Omit<CheckOptions, 'languages'>>,
  notes: Set<string>,
): { found: Found[]; facts?: FileFacts } {
  const found: Found[] = handoutSafetyProblems(text);
  const fileName = HANDOUT_FILE_NAME.exec(name);
  if (!fileName) found.push({ line: 1, level: 'error', reason: 'file name must be <id>.<lang>.md (lowercase letters, digits and dashes)' });

  const lines = text.split('\n');
  const fmEnd = frontMatterEnd(lines);
  if (fmEnd === -1) {
    found.push({ line: 1, level: 'error', reason: 'no front matter: a handout starts with --- , its YAML fields, and --- ' });
    return { found };
  }
  const lineOf = fieldLines(lines, fmEnd);

  let data: Record<string, unknown>;
  let body: string;
  try {
    // With options, gray-matter does not cache: its cache would hand back a text whose YAML
    // failed before as a file with no front matter at all, instead of throwing again.
    const parsed = matter(text, {});
    data = { ...parsed.data };
    body = parsed.content;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const why = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    found.push({ line: Math.min(Math.max((mark?.line ?? 0) + 1, 1), fmEnd + 1), level: 'error', reason: `front matter is not valid YAML: ${why}` });
    return { found };
  }
  if (data.currentAsOf instanceof Date) data.currentAsOf = data.currentAsOf.toISOString().slice(0, 10);
  // The first line of body text (1-based), for problems about the body as a whole.
  const firstText = lines.findIndex((l, i) => i > fmEnd && l.trim() !== '');
  const bodyLine = firstText === -1 ? fmEnd + 1 : firstText + 1;

  const front = HandoutFrontMatterSchema.safeParse(data);
  if (!front.success) {
    for (const issue of front.error.issues) {
      const key = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) found.push({ line: lineOf([...issue.path, k]), level: 'error', reason: `unknown field "${key ? `${key}.` : ''}${k}"` });
      } else if (valueAt(data, issue.path) === undefined && key in REQUIRED) {
        found.push({ line: lineOf(issue.path.length > 1 ? issue.path.slice(0, 1) : []), level: 'error', reason: `missing required field ${REQUIRED[key]}` });
      } else {
        found.push({ line: lineOf(issue.path), level: 'error', reason: `${key || 'front matter'}: ${issue.message}` });
      }
    }
  }
  if (!body.trim()) found.push({ line: bodyLine, level: 'error', reason: 'the handout has no body text' });

  const id = typeof data.id === 'string' ? data.id : undefined;
  const lang = typeof data.lang === 'string' ? data.lang : undefined;
  if (fileName && ((id !== undefined && id !== fileName[1]) || (lang !== undefined && lang !== fileName[2]))) {
    found.push({
      line: lineOf([id !== fileName[1] ? 'id' : 'lang']),
      level: 'error',
      reason: `id and lang must match the file name (${fileName[1]}, ${fileName[2]})`,
    });
  }
  if (topicIds && Array.isArray(data.topics)) {
    for (const t of data.topics)
      if (typeof t === 'string' && !topicIds.has(t)) found.push({ line: lineOf(['topics']), level: 'error', reason: `topic "${t}" is not in topics.json` });
  }

  if (typeof data.currentAsOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.currentAsOf)) {
    const limit = new Date(options.now);
    limit.setUTCMonth(limit.getUTCMonth() - options.staleMonths);
    if (new Date(`${data.currentAsOf}T00:00:00Z`) < limit) {
      found.push({
        line: lineOf(['currentAsOf']),
        level: 'warning',
        reason: `stale: current as of ${data.currentAsOf}, more than ${options.staleMonths} months ago; review it and update currentAsOf`,
      });
    }
  }

  const language = lang ?? fileName?.[2];
  if (language && GRADED_LANGUAGES.has(language)) {
    const warning = data.warning as Record<string, unknown> | undefined;
    const read = [data.summary, body, warning?.body].filter((s): s is string => typeof s === 'string').join('\n\n');
    const grade = readingGrade(read);
    if (grade !== undefined && grade > options.maxGrade) {
      found.push({
        line: bodyLine,
        level: 'warning',
        reason: `reading grade ${grade.toFixed(1)} (Flesch-Kincaid) is above grade ${options.maxGrade}: shorter sentences and words`,
      });
    }
  } else if (language) {
    notes.add(`reading grade not measured for "${language}": Flesch-Kincaid is an English formula, and no formula for that language is installed`);
  }

  if (!fileName) return { found };
  const relatedLine = lineOf(['related']);
  const related = Array.isArray(data.related) ? data.related.filter((r): r is string => typeof r === 'string').map((r) => ({ id: r, line: relatedLine })) : [];
  return { found, facts: { file: `handouts/${name}`, id: fileName[1]!, lang: fileName[2]!, related } };
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

// ---------------------------------------------------------------------------------------------
// rules.json.

/**
 * The folder's rules.json, when it has one: the schema, ids the rules name that the folder lacks
 * (the kiosk would quietly suggest less), and reason labels missing in a language. Problems name
 * the JSON path (`rules[2].suggest.topics`) and sit on line 1.
 */
async function checkRules(dir: string, handoutIds: Set<string>, topicIds: Set<string> | undefined, languages: string[]): Promise<CheckProblem[]> {
  const problem = (level: CheckProblem['level'], reason: string): CheckProblem => ({ file: RULES_FILE, line: 1, level, reason });
  let text: string;
  try {
    text = await readFile(join(dir, RULES_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    return [problem('error', `cannot read ${RULES_FILE}: ${(error as Error).message}`)];
  }
  const parsed = parseContentRules(text);
  if (!parsed.ok) return parsed.problems.map((p) => problem('error', `${p.path}: ${p.message}`));
  const { reasons, rules } = parsed.value;
  // Without a readable topics.json (already an error), topics are not judged here.
  const topics = topicIds ?? new Set(rules.flatMap((r) => r.suggest.topics ?? []));
  return [
    ...unknownRuleIds(rules, { handouts: handoutIds, topics, reasons: new Set(reasons.map((r) => r.id)) }, 'rules').map((p) =>
      problem('error', `${p.path}: ${p.message}`),
    ),
    ...reasons.flatMap((reason, i) =>
      languages
        .filter((lang) => !reason.label[lang as Language])
        .map((lang) => problem('warning', `reasons[${i}].label: no ${lang} label for reason "${reason.id}", so its button shows in another language`)),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// A folder.

/** Checks a content folder (topics.json, handouts/*.md and rules.json) and says everything wrong with it. */
export async function checkContent(dir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const settings = {
    staleMonths: options.staleMonths ?? DEFAULT_STALE_MONTHS,
    maxGrade: options.maxGrade ?? DEFAULT_MAX_GRADE,
    now: options.now ?? new Date(),
  };
  const problems: CheckProblem[] = [];
  const notes = new Set<string>();

  let topicIds: Set<string> | undefined;
  try {
    const text = await readFile(join(dir, 'topics.json'), 'utf8');
    const topics = TopicLabelsSchema.safeParse(JSON.parse(text));
    if (topics.success) topicIds = new Set(Object.keys(topics.data));
    else
      problems.push({
        file: 'topics.json',
        line: 1,
        level: 'error',
        reason: topics.error.issues.map((i) => `${i.path.join('.') || 'topics'}: ${i.message}`).join('; '),
      });
  } catch (error) {
    problems.push({ file: 'topics.json', line: 1, level: 'error', reason: `cannot read topics.json: ${(error as Error).message}` });
  }

  let names: string[] = [];
  try {
    names = (await readdir(join(dir, 'handouts'))).filter((f) => f.endsWith('.md')).sort();
  } catch (error) {
    problems.push({ file: 'handouts', line: 1, level: 'error', reason: `cannot read the handouts folder: ${(error as Error).message}` });
  }

  const facts: FileFacts[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, 'handouts', name), 'utf8');
    const result = checkFile(name, text, topicIds, settings, notes);
    for (const f of result.found) problems.push({ file: `handouts/${name}`, ...f });
    if (result.facts) facts.push(result.facts);
  }

  // Related ids, and translations.
  const langsOf = new Map<string, Set<string>>();
  for (const f of facts) langsOf.set(f.id, (langsOf.get(f.id) ?? new Set()).add(f.lang));
  for (const f of facts) {
    for (const r of f.related) {
      const langs = langsOf.get(r.id);
      if (!langs) problems.push({ file: f.file, line: r.line, level: 'error', reason: `related handout "${r.id}" does not exist` });
      else if (!langs.has(f.lang))
        problems.push({
          file: f.file,
          line: r.line,
          level: 'warning',
          reason: `related handout "${r.id}" has no ${f.lang} version, so the ${f.lang} handout will not link to it`,
        });
    }
  }
  const languages = options.languages ?? [...new Set(facts.map((f) => f.lang))].sort();
  for (const [id, langs] of [...langsOf].sort(([a], [b]) => a.localeCompare(b))) {
    const first = facts.find((f) => f.id === id)!;
    for (const lang of languages) {
      if (!langs.has(lang))
        problems.push({ file: first.file, line: 1, level: 'warning', reason: `no ${lang} translation: handouts/${id}.${lang}.md is missing` });
    }
  }
  problems.push(...(await checkRules(dir, new Set(langsOf.keys()), topicIds, languages)));

  const rank = { error: 0, warning: 1 };
  problems.sort((a, b) => rank[a.level] - rank[b.level] || a.file.localeCompare(b.file) || a.line - b.line);
  return { problems, notes: [...notes], files: names.length };
}

/** The report as printed: errors, then warnings, each `file:line: level: reason`; notes; a summary line. */
export function formatReport(report: CheckReport, dir: string): string {
  const out = report.problems.map((p) => `${join(dir, p.file)}:${p.line}: ${p.level}: ${p.reason}\n`);
  for (const note of report.notes) out.push(`note: ${note}\n`);
  const errors = report.problems.filter((p) => p.level === 'error').length;
  const warnings = report.problems.length - errors;
  out.push(`${dir}: ${report.files} handout files, ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}\n`);
  return out.join('');
}

/**
 * The content folder shipped beside this tool: the nearest `content/` holding topics.json and
 * handouts/, looking from `from` and up to three folders above it. That finds `resources/content`
 * for an install's `resources/tools/kiosk-cli.cjs`, and the checkout's `content/` for
 * `dist/electron/cli.cjs` and for the sources.
 */
export function findShippedContent(from: string): string | undefined {
  let dir = from;
  for (let up = 0; up <= 3; up++) {
    const candidate = join(dir, 'content');
    if (existsSync(join(candidate, 'topics.json')) && existsSync(join(candidate, 'handouts'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}
