import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../contract/config';
import { TopicLabelsSchema } from '../../contract/content';
import { parseHandoutFile } from './handout-library';
import type { ImportedHandout } from './medlineplus-import';

export interface MarkdownImport {
  handouts: ImportedHandout[];
  topics: Record<string, Partial<Record<Language, string>>>;
  /** Files left out, with why. */
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * A clinic's own library, in this project's handout format: `topics.json` plus `<id>.<lang>.md`
 * files, either in `dir/handouts/` (a content folder) or in `dir` itself. Each file is checked as
 * the kiosk checks it at start; the good ones are taken as they are, the rest are listed with
 * the reason. Throws when there is no readable topics.json, since no handout could be checked.
 */
export async function importMarkdownFolder(dir: string): Promise<MarkdownImport> {
  let topics: MarkdownImport['topics'];
  try {
    topics = TopicLabelsSchema.parse(JSON.parse(await readFile(join(dir, 'topics.json'), 'utf8')));
  } catch (error) {
    throw new Error(`${join(dir, 'topics.json')}: a library needs its topic names (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  const handoutDir = (await readdir(dir, { withFileTypes: true })).some((e) => e.isDirectory() && e.name === 'handouts') ? join(dir, 'handouts') : dir;
  const files = (await readdir(handoutDir)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const result: MarkdownImport = { handouts: [], topics, skipped: [] };
  for (const file of files) {
    const text = await readFile(join(handoutDir, file), 'utf8');
    const parsed = parseHandoutFile(file, text, topics);
    if ('message' in parsed) result.skipped.push({ file, reason: parsed.message });
    else result.handouts.push({ id: parsed.id, lang: parsed.lang, text });
  }
  return result;
}
