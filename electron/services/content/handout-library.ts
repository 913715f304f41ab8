import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { HandoutFrontMatterSchema, TopicLabelsSchema, type Handout, type HandoutSummary, type Topic, type TopicLabels } from '../../contract/content';
import { LANGUAGE_CODE, type Language } from '../../contract/config';
import { handoutSafetyProblems } from './content-safety';

/** A file the library could not use, and why: for the log and for content authors. */
export interface ContentProblem {
  file: string;
  message: string;
}

/** A handout's file name: <id>.<lang>.md, such as fever.es.md or fever.pt-BR.md. */
export const HANDOUT_FILE_NAME = new RegExp(`^([a-z0-9]+(?:-[a-z0-9]+)*)\\.(${LANGUAGE_CODE})\\.md$`);

/** A content folder's files, read once: the topics file and each handout file, by name. */
interface Sources {
  topicsText: string;
  files: { file: string; text: string }[];
  /** Short hash of every file read: tells staff which content a kiosk runs, and a bundle which files it came from. */
  version: string;
}

async function readSources(dir: string): Promise<Sources> {
  const digest = createHash('sha256');
  const topicsText = await readFile(join(dir, 'topics.json'), 'utf8');
  digest.update(topicsText);
  const handoutDir = join(dir, 'handouts');
  const names = (await readdir(handoutDir)).filter((f) => f.endsWith('.md')).sort();
  const files: Sources['files'] = [];
  for (const file of names) {
    const text = await readFile(join(handoutDir, file), 'utf8');
    digest.update(file).update(text);
    files.push({ file, text });
  }
  return { topicsText, files, version: digest.digest('hex').slice(0, 12) };
}

/** Everything a library is made of: what a compiled bundle keeps. */
export interface LibraryParts {
  version: string;
  topicLabels: TopicLabels;
  handouts: Handout[];
  problems: ContentProblem[];
}

/**
 * The health library: handouts in content/handouts/<id>.<lang>.md and topic labels in
 * content/topics.json. A bad file is left out and reported; the rest of the library still works.
 */
export class HandoutLibrary {
  private readonly handouts: Map<string, Handout>;

  private constructor(private readonly parts: LibraryParts) {
    this.handouts = new Map(parts.handouts.map((h) => [key(h.id, h.lang), h]));
  }

  get version(): string {
    return this.parts.version;
  }

  /** Files left out, and why. A bundle's staleness is added after start, so callers read it each time. */
  get problems(): ContentProblem[] {
    return [...this.parts.problems];
  }

  /** Reports a problem found after loading (a stale bundle). */
  addProblem(problem: ContentProblem): void {
    this.parts.problems.push(problem);
  }

  /** Reads and checks every file in `dir` (slow for thousands: a bundle skips this). */
  static async load(dir: string): Promise<HandoutLibrary> {
    const sources = await readSources(dir);
    const problems: ContentProblem[] = [];
    const topicLabels = TopicLabelsSchema.parse(JSON.parse(sources.topicsText));
    const parsed = new Map<string, Omit<Handout, 'related'> & { relatedIds: string[] }>();
    for (const { file, text } of sources.files) {
      const result = parseHandoutFile(file, text, topicLabels);
      if ('message' in result) problems.push({ file, message: result.message });
      else parsed.set(key(result.id, result.lang), result);
    }

    const handouts: Handout[] = [];
    for (const { relatedIds, ...handout } of parsed.values()) {
      const related = relatedIds.flatMap((id) => {
        const other = parsed.get(key(id, handout.lang));
        if (other) return [{ id, title: other.title }];
        problems.push({ file: `${handout.id}.${handout.lang}.md`, message: `related handout "${id}" has no ${handout.lang} version` });
        return [];
      });
      handouts.push({ ...handout, related });
    }
    return new HandoutLibrary({ version: sources.version, topicLabels, handouts, problems });
  }

  /** A library from a bundle's parts, already checked when the bundle was built. */
  static fromParts({ version, topicLabels, handouts, problems }: LibraryParts): HandoutLibrary {
    // Only these: a bundle's other parts (its search indexes) are not the library's to keep.
    return new HandoutLibrary({ version, topicLabels, handouts, problems: [...problems] });
  }

  /** The version `load(dir)` would give now, to tell whether a bundle still matches its folder. */
  static async sourceVersion(dir: string): Promise<string> {
    return (await readSources(dir)).version;
  }

  /** The library's parts, for a bundle; the handouts are shared, so callers must not change them. */
  toParts(): LibraryParts {
    return { ...this.parts, problems: [...this.parts.problems] };
  }

  /** Each language's list, sorted once: a library of thousands takes a while to sort. */
  private readonly lists = new Map<Language, { topics: Topic[]; handouts: HandoutSummary[] }>();

  /** The languages that have at least one handout. */
  languages(): Language[] {
    return [...new Set(this.parts.handouts.map((h) => h.lang))];
  }

  /** Handouts in a language, by title, and the topics they use with labels in that language. Callers must not change it. */
  list(lang: Language): { topics: Topic[]; handouts: HandoutSummary[] } {
    let cached = this.lists.get(lang);
    if (!cached) this.lists.set(lang, (cached = this.sortedList(lang)));
    return cached;
  }

  /** Each handout's summary in `lang`, in no particular order (search needs no sorting). */
  summaries(lang: Language): HandoutSummary[] {
    return this.parts.handouts.filter((h) => h.lang === lang).map(summaryOf);
  }

  private sortedList(lang: Language): { topics: Topic[]; handouts: HandoutSummary[] } {
    // One collator for the whole sort: localeCompare(b, lang) makes one per comparison, which
    // for 10,000 titles took longer than loading their search index.
    const { compare } = new Intl.Collator(lang);
    const handouts = this.summaries(lang).sort((a, b) => compare(a.title, b.title));
    const used = new Set(handouts.flatMap((h) => h.topics));
    const topics = [...used].map((id) => ({ id, label: this.parts.topicLabels[id]?.[lang] ?? id })).sort((a, b) => compare(a.label, b.label));
    return { topics, handouts };
  }

  get(id: string, lang: Language): Handout | undefined {
    return this.handouts.get(key(id, lang));
  }

  has(id: string, lang: Language): boolean {
    return this.handouts.has(key(id, lang));
  }
}

function summaryOf({ id, lang, title, summary, topics }: Handout): HandoutSummary {
  return { id, lang, title, summary, topics };
}

function key(id: string, lang: string): string {
  return `${lang}/${id}`;
}

/** Parses and checks one handout file; returns the handout or what is wrong with it. */
export function parseHandoutFile(
  file: string,
  text: string,
  topicLabels: Record<string, unknown>,
): (Omit<Handout, 'related'> & { relatedIds: string[] }) | { message: string } {
  const name = HANDOUT_FILE_NAME.exec(file);
  if (!name) return { message: 'file name must be <id>.<lang>.md' };
  let data: Record<string, unknown>;
  let body: string;
  try {
    ({ data, content: body } = matter(text, {})); // options: gray-matter caches by text otherwise, and a cached failure comes back empty
  } catch (error) {
    return { message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  // YAML reads an unquoted 2026-11-15 as a Date; the schema wants the date as written.
  if (data.currentAsOf instanceof Date) data = { ...data, currentAsOf: data.currentAsOf.toISOString().slice(0, 10) };
  const front = HandoutFrontMatterSchema.safeParse(data);
  if (!front.success) {
    return { message: front.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; ') };
  }
  const h = front.data;
  if (h.id !== name[1] || h.lang !== name[2]) return { message: `id and lang must match the file name (${name[1]}, ${name[2]})` };
  const unknownTopic = h.topics.find((t) => !(t in topicLabels));
  if (unknownTopic) return { message: `topic "${unknownTopic}" is not in topics.json` };
  if (!body.trim()) return { message: 'the handout has no body text' };
  if (/<[a-z!/]/i.test(body)) return { message: 'raw HTML is not allowed in handouts' };
  const unsafe = handoutSafetyProblems(text).find((p) => p.level === 'error');
  if (unsafe) return { message: `line ${unsafe.line}: ${unsafe.reason}` };
  return {
    id: h.id,
    lang: h.lang,
    title: h.title,
    summary: h.summary,
    topics: h.topics,
    keywords: h.keywords,
    relatedIds: h.related,
    credits: h.credits,
    currentAsOf: h.currentAsOf,
    review: h.review,
    warning: h.warning,
    ...(h.url ? { url: h.url } : {}),
    codes: h.codes,
    body: body.trim(),
  };
}
