import { readFileSync } from 'node:fs';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import matter from 'gray-matter';
import type { PseudoLanguage } from '../../electron/contract/config';
import { pseudoString } from '../../renderer/locales/pseudo-locale';

const SHIPPED = resolve(import.meta.dirname, '..', '..', 'content');
const en: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'renderer', 'locales', 'en.json'), 'utf8'));

/** What marks every piece of text a pseudo-locale makes: a string without it did not come from the strings files. */
export const MARKER: Record<PseudoLanguage, string> = { 'en-XA': '⟦', 'ar-XB': '\u202E' };

/** A UI string in the pseudo-locale, by its key in the strings files ("common.yes"). */
export function say(lang: PseudoLanguage, key: string, values: Record<string, string | number> = {}): string {
  const english = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en);
  if (typeof english !== 'string') throw new Error(`no string ${key} in en.json`);
  return pseudoString(lang, english).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

/** Adds the pseudo-locale to every { en, es } text of a config or content file, made from its English. */
function addPseudoText<T>(value: T, lang: PseudoLanguage): T {
  if (Array.isArray(value)) return value.map((item: unknown) => addPseudoText(item, lang)) as T;
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const entries = Object.entries(object).map(([key, item]) => [key, addPseudoText(item, lang)]);
  if (typeof object.en === 'string' && typeof object.es === 'string') entries.push([lang, pseudoString(lang, object.en)]);
  return Object.fromEntries(entries) as T;
}

/** The demo config offering the pseudo-locale first (its Welcome) and English, with every text in both. */
export function pseudoConfig(demo: Record<string, unknown>, lang: PseudoLanguage, contentDir: string): Record<string, unknown> {
  const config = addPseudoText(demo, lang);
  return { ...config, languages: [lang, 'en'], defaultLanguage: lang, handouts: { ...(config.handouts as object), contentDir } };
}

/** Markdown, line by line: the words changed, the list marks and heading marks kept. */
function pseudoMarkdown(lang: PseudoLanguage, text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const [, mark, words] = /^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+)?)(.*)$/.exec(line)!;
      return words ? `${mark}${pseudoString(lang, words)}` : line;
    })
    .join('\n');
}

/**
 * The shipped content in a new folder, with every English handout, topic and reason also in the
 * pseudo-locale: the kiosk reads a language's handouts by file name, so these are `<id>.<lang>.md`.
 */
export async function writePseudoContent(dir: string, lang: PseudoLanguage): Promise<void> {
  await cp(SHIPPED, dir, { recursive: true, filter: (source) => !source.endsWith('library.bundle.json') });
  for (const file of ['topics.json', 'rules.json']) {
    const path = join(dir, file);
    await writeFile(path, JSON.stringify(addPseudoText(JSON.parse(await readFile(path, 'utf8')), lang), null, 2));
  }
  const handouts = join(dir, 'handouts');
  for (const name of (await readdir(handouts)).filter((n) => n.endsWith('.en.md'))) {
    const { data, content } = matter(await readFile(join(handouts, name), 'utf8'));
    const front = {
      ...data,
      lang,
      title: pseudoString(lang, data.title as string),
      summary: pseudoString(lang, data.summary as string),
      keywords: (data.keywords as string[]).map((k) => pseudoString(lang, k)),
      warning: { title: pseudoString(lang, data.warning.title as string), body: pseudoMarkdown(lang, data.warning.body as string) },
    };
    await writeFile(join(handouts, name.replace(/\.en\.md$/, `.${lang}.md`)), matter.stringify(pseudoMarkdown(lang, content), front));
  }
}
