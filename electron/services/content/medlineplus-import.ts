import { XMLParser } from 'fast-xml-parser';
import matter from 'gray-matter';
import { NodeHtmlMarkdown } from 'node-html-markdown';
import type { Language } from '../../contract/config';
import { HandoutFrontMatterSchema } from '../../contract/content';

/** The credit MedlinePlus asks for; its health-topic summaries are public domain. */
export const MEDLINEPLUS_CREDIT = 'Courtesy of MedlinePlus from the National Library of Medicine';

/** Where an imported topic's handouts go when MedlinePlus gives it no group. */
const FALLBACK_TOPIC = { id: 'health-topics', labels: { en: 'Health topics', es: 'Temas de salud' } };

/** MedlinePlus has no "when to call" box; imported handouts get a general one, in plain words. */
const WARNING: Record<Language, { title: string; body: string }> = {
  en: { title: 'Call your clinic if', body: '- you have questions about this topic\n- you feel worse, or you do not get better' },
  es: { title: 'Llame a su clínica si', body: '- tiene preguntas sobre este tema\n- se siente peor o no mejora' },
};

const LANGUAGES: Record<string, Language> = { English: 'en', Spanish: 'es' };

/** One handout file to write: content/handouts/<id>.<lang>.md. */
export interface ImportedHandout {
  id: string;
  lang: Language;
  text: string;
}

export interface MedlinePlusImport {
  handouts: ImportedHandout[];
  /** Topic labels to merge into topics.json. */
  topics: Record<string, Partial<Record<Language, string>>>;
  /** Topics left out, with why. */
  skipped: Array<{ title: string; reason: string }>;
}

type Attributed = { '#text'?: string; [attribute: `@_${string}`]: string | undefined };
interface XmlTopic {
  '@_title': string;
  '@_url': string;
  '@_id': string;
  '@_language': string;
  '@_meta-desc'?: string;
  'also-called'?: Array<string | Attributed>;
  'see-reference'?: Array<string | Attributed>;
  'full-summary'?: string;
  group?: Attributed[];
  'language-mapped-topic'?: Attributed[];
}

const text = (value: string | Attributed | undefined): string => (typeof value === 'string' ? value : (value?.['#text'] ?? '')).trim();

/** "Leg Cramps" → "leg-cramps": ids stay the same across languages because both use the English title. */
export function slug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** "11/20/2026 02:30:10" → "2026-11-20". */
function isoDate(usDate: string | undefined): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(usDate ?? '');
  return match ? `${match[3]}-${match[1]}-${match[2]}` : undefined;
}

/** The first sentence or two of a text, within `max` characters. */
function shorten(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const sentenceEnd = cut.lastIndexOf('. ');
  return sentenceEnd > 20 ? cut.slice(0, sentenceEnd + 1) : `${cut.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * The summary's HTML as the Markdown this project's handouts allow: paragraphs, lists, bold and
 * italics, `##` headings. Links keep their words and lose their address; images and scripts go.
 */
const toMarkdown = new NodeHtmlMarkdown(
  { bulletMarker: '-' },
  { a: { postprocess: ({ content }) => content }, img: { ignore: true }, script: { ignore: true }, style: { ignore: true } },
);
function summaryMarkdown(html: string): string {
  return toMarkdown
    .translate(html)
    .replace(/^#{1,6} /gm, '## ')
    .trim();
}

/**
 * Turns MedlinePlus health-topic XML (English and Spanish topics, public domain) into handouts:
 * each with its online address (for the QR code), the MedlinePlus credit and `review: sample`,
 * so a clinician looks at it before the clinic relies on it. A Spanish topic takes the id of the
 * English topic it maps to, so the two are one handout in two languages. A topic that would not
 * make a valid handout is skipped with the reason; the rest are imported.
 */
export function importMedlinePlus(xml: string): MedlinePlusImport {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['health-topic', 'also-called', 'see-reference', 'group', 'language-mapped-topic'].includes(name),
    processEntities: true,
    htmlEntities: true,
  });
  const root = parser.parse(xml) as { 'health-topics'?: { 'health-topic'?: XmlTopic[]; '@_date-generated'?: string } };
  const topicsXml = root['health-topics'];
  if (!topicsXml) throw new Error('not MedlinePlus health-topic XML: no <health-topics> element');
  const currentAsOf = isoDate(topicsXml['@_date-generated']) ?? new Date().toISOString().slice(0, 10);
  const all = topicsXml['health-topic'] ?? [];

  // Ids and topic names come from the English side, so both languages share them.
  const englishTitleById = new Map(all.filter((t) => t['@_language'] === 'English').map((t) => [t['@_id'], t['@_title']]));
  const groupSlugById = new Map<string, string>();
  for (const topic of all.filter((t) => t['@_language'] === 'English')) {
    for (const group of topic.group ?? []) groupSlugById.set(group['@_id'] ?? '', slug(text(group)));
  }

  const result: MedlinePlusImport = { handouts: [], topics: {}, skipped: [] };
  for (const topic of all) {
    const title = topic['@_title'];
    const lang = LANGUAGES[topic['@_language']];
    if (!lang) {
      result.skipped.push({ title, reason: `language "${topic['@_language']}" is not offered` });
      continue;
    }
    const englishTitle =
      lang === 'en' ? title : englishTitleById.get(topic['language-mapped-topic']?.find((m) => m['@_language'] === 'English')?.['@_id'] ?? '');
    const id = slug(englishTitle ?? title);

    const topicIds: string[] = [];
    for (const group of topic.group ?? []) {
      const groupId = groupSlugById.get(group['@_id'] ?? '') ?? slug(text(group));
      (result.topics[groupId] ??= {})[lang] = text(group);
      if (!topicIds.includes(groupId)) topicIds.push(groupId);
    }
    if (topicIds.length === 0) {
      result.topics[FALLBACK_TOPIC.id] = FALLBACK_TOPIC.labels;
      topicIds.push(FALLBACK_TOPIC.id);
    }

    const body = summaryMarkdown(topic['full-summary'] ?? '');
    const firstParagraph = body.split('\n\n')[0]?.replace(/[*_]/g, '') ?? '';
    const frontMatter = {
      id,
      lang,
      title: shorten(title, 120),
      summary: shorten((topic['@_meta-desc'] ?? firstParagraph).trim(), 240),
      topics: topicIds.slice(0, 5),
      keywords: [...(topic['also-called'] ?? []), ...(topic['see-reference'] ?? [])].map(text).filter((k) => k.length >= 2),
      related: [],
      credits: { author: MEDLINEPLUS_CREDIT, reviewers: [] },
      currentAsOf,
      review: 'sample' as const,
      warning: WARNING[lang],
      url: topic['@_url'],
    };
    const checked = HandoutFrontMatterSchema.safeParse(frontMatter);
    if (!checked.success) {
      result.skipped.push({ title, reason: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      continue;
    }
    if (!body) {
      result.skipped.push({ title, reason: 'no summary text' });
      continue;
    }
    const heading = lang === 'es' ? '## Información general' : '## Overview';
    result.handouts.push({ id, lang, text: matter.stringify(`\n${heading}\n\n${body}\n`, frontMatter) });
  }
  return result;
}
