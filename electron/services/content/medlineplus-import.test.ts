import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { HandoutLibrary } from './handout-library';
import { importMedlinePlus, MEDLINEPLUS_CREDIT, slug } from './medlineplus-import';

const SAMPLE = await readFile(join(import.meta.dirname, 'fixtures/medlineplus/health-topics-sample.xml'), 'utf8');

describe('importMedlinePlus', () => {
  const result = importMedlinePlus(SAMPLE);
  const byKey = new Map(result.handouts.map((h) => [`${h.id}.${h.lang}`, matter(h.text)]));

  it('makes one handout per topic and language, the Spanish one sharing the English id', () => {
    expect([...byKey.keys()].sort()).toEqual(['deep-vein-thrombosis.en', 'deep-vein-thrombosis.es', 'hiccups.en', 'leg-cramps.en', 'leg-cramps.es']);
    expect(result.skipped).toEqual([]);
  });

  it('keeps the online address, the MedlinePlus credit and marks it for review', () => {
    const legCramps = byKey.get('leg-cramps.es')!.data;
    expect(legCramps).toMatchObject({
      title: 'Calambres en las piernas',
      url: 'https://medlineplus.gov/spanish/legcramps.html',
      credits: { author: MEDLINEPLUS_CREDIT, reviewers: [] },
      review: 'sample',
      currentAsOf: '2026-11-20',
      keywords: ['Calambre muscular'],
    });
    expect(byKey.get('leg-cramps.en')!.data.keywords).toEqual(['Charley horse', 'Muscle cramp', 'Calf cramps']);
  });

  it('names topics after MedlinePlus groups in both languages, with a fallback for a topic with none', () => {
    expect(result.topics['bones-joints-and-muscles']).toEqual({ en: 'Bones, Joints and Muscles', es: 'Huesos, articulaciones y músculos' });
    expect(byKey.get('leg-cramps.es')!.data.topics).toEqual(['bones-joints-and-muscles', 'pregnancy-and-reproduction']);
    expect(byKey.get('hiccups.en')!.data.topics).toEqual(['health-topics']);
  });

  it('turns the summary HTML into plain Markdown: no links, scripts or raw HTML, ## headings only', () => {
    const body = byKey.get('leg-cramps.en')!.content;
    expect(body).toContain('## Overview');
    expect(body).toContain('common in pregnancy and after exercise');
    expect(body).toContain('- Stretch the muscle gently');
    expect(body).toContain('**water**');
    expect(body).toContain('## When to get help');
    expect(body).toContain('frequent & severe');
    expect(body).not.toMatch(/<|\]\(|https?:|alert|###/);
  });

  it('writes files the library loads as they are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-import-'));
    try {
      await mkdir(join(dir, 'handouts'));
      await writeFile(join(dir, 'topics.json'), JSON.stringify(result.topics));
      for (const h of result.handouts) await writeFile(join(dir, 'handouts', `${h.id}.${h.lang}.md`), h.text);
      const library = await HandoutLibrary.load(dir);
      expect(library.problems).toEqual([]);
      expect(library.get('leg-cramps', 'es')?.url).toBe('https://medlineplus.gov/spanish/legcramps.html');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips a topic in a language the kiosk does not offer, and says why', () => {
    const french = SAMPLE.replace('language="Spanish" date-created="05/05/2005"', 'language="French" date-created="05/05/2005"');
    expect(importMedlinePlus(french).skipped).toEqual([{ title: 'Trombosis venosa profunda', reason: 'language "French" is not offered' }]);
  });

  it('refuses XML that is not MedlinePlus health topics', () => {
    expect(() => importMedlinePlus('<rss><channel/></rss>')).toThrow('no <health-topics> element');
  });
});

describe('slug', () => {
  it('makes ids from titles, accents and punctuation gone', () => {
    expect(slug('Leg Cramps')).toBe('leg-cramps');
    expect(slug('Bones, Joints and Muscles')).toBe('bones-joints-and-muscles');
    expect(slug('Embarazo y reproducción')).toBe('embarazo-y-reproduccion');
  });
});
