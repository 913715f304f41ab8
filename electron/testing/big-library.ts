import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';

/** Words the made-up handouts are built from, per language, so titles and searches vary. */
const WORDS: Record<'en' | 'es', { conditions: string[]; places: string[]; verbs: string[] }> = {
  en: {
    conditions: ['pain', 'swelling', 'rash', 'cramps', 'cough', 'fever', 'itching', 'stiffness', 'numbness', 'weakness', 'bruising', 'burns'],
    places: ['knee', 'back', 'neck', 'skin', 'chest', 'ankle', 'wrist', 'shoulder', 'ear', 'eye', 'throat', 'foot'],
    verbs: ['rest', 'stretch', 'drink water', 'use ice', 'keep it clean', 'take short walks'],
  },
  es: {
    conditions: [
      'dolor',
      'hinchazón',
      'sarpullido',
      'calambres',
      'tos',
      'fiebre',
      'picazón',
      'rigidez',
      'entumecimiento',
      'debilidad',
      'moretones',
      'quemaduras',
    ],
    places: ['rodilla', 'espalda', 'cuello', 'piel', 'pecho', 'tobillo', 'muñeca', 'hombro', 'oído', 'ojo', 'garganta', 'pie'],
    verbs: ['descanse', 'estírese', 'beba agua', 'use hielo', 'manténgalo limpio', 'camine un poco'],
  },
};

/** The topic that holds `bigTopicSize` handouts, for "a topic with 1,000 handouts". */
export const BIG_TOPIC = 'big-topic';

/**
 * For tests and benchmarks: writes a made-up library of `count` handouts in English and Spanish
 * (2 × count files) into `dir`, in the shipped library's format. Handout i is about
 * condition i mod 12 of place ⌊i/12⌋ mod 12, in one of 40 topics; the first `bigTopicSize` are
 * also in BIG_TOPIC. Not health advice: every one says so.
 */
export async function writeBigLibrary(dir: string, count = 10_000, bigTopicSize = 1000): Promise<void> {
  await mkdir(join(dir, 'handouts'), { recursive: true });
  const topics: Record<string, Record<'en' | 'es', string>> = { [BIG_TOPIC]: { en: 'Big topic', es: 'Tema grande' } };
  for (let t = 0; t < 40; t++) topics[`topic-${t}`] = { en: `Topic ${t}`, es: `Tema ${t}` };
  await writeFile(join(dir, 'topics.json'), JSON.stringify(topics));

  const files: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    for (const lang of ['en', 'es'] as const) {
      const w = WORDS[lang];
      const condition = w.conditions[i % 12]!;
      const place = w.places[Math.floor(i / 12) % 12]!;
      const title = lang === 'en' ? `${place} ${condition} ${i}` : `${condition} de ${place} ${i}`;
      const front = {
        id: `handout-${i}`,
        lang,
        title: title[0]!.toUpperCase() + title.slice(1),
        summary:
          lang === 'en' ? `A made-up test handout about ${condition} of the ${place}.` : `Un folleto de prueba inventado sobre ${condition} de ${place}.`,
        topics: [`topic-${i % 40}`, ...(i < bigTopicSize ? [BIG_TOPIC] : [])],
        keywords: [condition, place, `${condition} ${place}`],
        related: i > 0 ? [`handout-${i - 1}`] : [],
        credits: { author: 'Test generator', reviewers: [] },
        currentAsOf: '2026-01-01',
        review: 'sample',
        warning: {
          title: lang === 'en' ? 'Not real advice' : 'No es un consejo real',
          body: lang === 'en' ? '- This handout is test data.' : '- Este folleto es de prueba.',
        },
      };
      const body = `## ${lang === 'en' ? 'Overview' : 'Información general'}\n\n${front.summary} ${w.verbs.map((v) => `${v}.`).join(' ')}\n`;
      files.push([join(dir, 'handouts', `handout-${i}.${lang}.md`), matter.stringify(body, front)]);
    }
  }
  // In batches: thousands of open files at once would hit the OS limit.
  for (let start = 0; start < files.length; start += 500) {
    await Promise.all(files.slice(start, start + 500).map(([path, text]) => writeFile(path, text)));
  }
}
