import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/**
 * Flesch-Kincaid grade of English Markdown, or undefined for too little text. Markdown marks are
 * stripped; a heading or list item counts as a sentence even without a full stop; a number counts
 * as a word of one syllable.
 */
export function readingGrade(markdown: string): number | undefined {
  const units: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) units.push(current.join(' '));
    current = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const block = /^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/.exec(line);
    if (block) flush();
    current.push(line.slice(block ? block[0].length : 0));
    if (block && block[0].startsWith('#')) flush();
  }
  flush();

  let sentence = 0;
  let word = 0;
  let syllables = 0;
  for (const unit of units) {
    const plain = unit
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]*>/g, ' ')
      .replace(/[*_`~]/g, '');
    const words = plain.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
    if (!words.length) continue;
    sentence += plain.split(/(?<=[.!?])\s+/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
    word += words.length;
    for (const w of words) syllables += /\p{L}/u.test(w) ? Math.max(1, syllable(w)) : 1;
  }
  if (word < 20 || sentence === 0) return undefined;
  return Math.round(fleschKincaid({ sentence, word, syllable: syllables }) * 10) / 10;
}
