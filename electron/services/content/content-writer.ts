import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../contract/config';
import { TopicLabelsSchema } from '../../contract/content';
import { writeFileAtomic } from '../fs/atomic-write';

type TopicLabels = Record<string, Partial<Record<Language, string>>>;

/**
 * Writes imported handouts into a content folder (handouts/<id>.<lang>.md, replacing a handout
 * of the same id and language) and merges their topic labels into its topics.json: labels a
 * clinic already has are kept, new topics and languages are added.
 */
export async function writeImportedContent(dir: string, handouts: Array<{ id: string; lang: Language; text: string }>, topics: TopicLabels): Promise<void> {
  await mkdir(join(dir, 'handouts'), { recursive: true });
  const topicsFile = join(dir, 'topics.json');
  let existing: TopicLabels = {};
  try {
    existing = TopicLabelsSchema.parse(JSON.parse(await readFile(topicsFile, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${topicsFile} is not a valid topics file: ${(error as Error).message}`, { cause: error });
  }
  const merged: TopicLabels = { ...existing };
  for (const [id, labels] of Object.entries(topics)) merged[id] = { ...labels, ...existing[id] };
  for (const handout of handouts) await writeFileAtomic(join(dir, 'handouts', `${handout.id}.${handout.lang}.md`), handout.text, 0o644);
  await writeFileAtomic(topicsFile, `${JSON.stringify(merged, null, 2)}\n`, 0o644);
}
