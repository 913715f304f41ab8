import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { HandoutFrontMatterSchema, TopicLabelsSchema, type Handout, type HandoutSummary, type Topic } from '../../contract/content';
import type { Language } from '../../contract/config';
import { handoutSafetyProblems } from './content-safety';

/** A file the library could not use, and why: for the log and for content authors. */
export interface ContentProblem {
  file: string;
  message: string;
}

const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2})\.md$/;

/**
 * The health library: handouts in content/handouts/<id>.<lang>.md and topic labels in
 * content/topics.json. A bad file is left out and reported; the rest of the library still works.
 */
export class HandoutLibrary {
  private constructor(
    private readonly handouts: Map<string, Handout>,
    private readonly topicLabels: Record<string, Partial<Record<Language, string>>>,
    /** Short hash of every file read: tells staff which content a kiosk runs. */
    readonly version: string,
    readonly problems: ContentProblem[],
  ) {}

  static async load(dir: string): Promise<HandoutLibrary> {
    const problems: ContentProblem[] = [];
    const digest = createHash('sha256');

    const topicsFile = join(dir, 'topics.json');
    const topicsText = await readFile(topicsFile, 'utf8');
    digest.update(topicsText);
    const topicLabels = TopicLabelsSchema.parse(JSON.parse(topicsText));

    const handoutDir = join(dir, 'handouts');
    const files = (await readdir(handoutDir)).filter((f) => f.endsWith('.md')).sort();
    const parsed = new Map<string, Omit<Handout, 'related'> & { relatedIds: string[] }>();
    for (const file of files) {
      const text = await readFile(join(handoutDir, file), 'utf8');
      digest.update(file).update(text);
      const result = parseHandoutFile(file, text, topicLabels);
      if ('message' in result) problems.push({ file, message: result.message });
      else parsed.set(key(result.id, result.lang), result);
    }

    const handouts = new Map<string, Handout>();
    for (const [k, { relatedIds, ...handout }] of parsed) {
      const related = relatedIds.flatMap((id) => {
        const other = parsed.get(key(id, handout.lang));
        if (other) return [{ id, title: other.title }];
        problems.push({ file: `${handout.id}.${handout.lang}.md`, message: `related handout "${id}" has no ${handout.lang} version` });
        return [];
      });
      handouts.set(k, { ...handout, related });
    }
    return new HandoutLibrary(handouts, topicLabels, digest.digest('hex').slice(0, 12), problems);
  }

  /** Each language's list, sorted once: a library of thousands takes a while to sort. */
  private readonly lists = new Map<Language, { topics: Topic[]; handouts: HandoutSummary[] }>();

  /** Handouts in a language, by title, and the topics they use with labels in that language. Callers must not change it. */
  list(lang: Language): { topics: Topic[]; handouts: HandoutSummary[] } {
    let cached = this.lists.get(lang);
    if (!cached) this.lists.set(lang, (cached = this.sortedList(lang)));
    return cached;
  }

  private sortedList(lang: Language): { topics: Topic[]; handouts: HandoutSummary[] } {
    const handouts = [...this.handouts.values()]
      .filter((h) => h.lang === lang)
      .sort((a, b) => a.title.localeCompare(b.title, lang))
      .map(({ id, title, summary, topics }) => ({ id, lang, title, summary, topics }));
    const used = new Set(handouts.flatMap((h) => h.topics));
    const topics = [...used]
      .map((id) => ({ id, label: this.topicLabels[id]?.[lang] ?? id }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
    return { topics, handouts };
  }

  get(id: string, lang: Language): Handout | undefined {
    return this.handouts.get(key(id, lang));
  }

  has(id: string, lang: Language): boolean {
    return this.handouts.has(key(id, lang));
  }
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
  const name = FILE_NAME.exec(file);
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
