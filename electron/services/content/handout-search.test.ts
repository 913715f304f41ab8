import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api-router';
import { handlersWith } from '../../testing/handlers';
import { RecordingLogger } from '../../testing/recording-logger';
import { HandoutLibrary } from './handout-library';
import { foldTerm, HandoutSearch } from './handout-search';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'content');

let library: HandoutLibrary;
let search: HandoutSearch;
beforeAll(async () => {
  library = await HandoutLibrary.load(SHIPPED);
  search = HandoutSearch.build(library);
});
const ids = (lang: 'en' | 'es', query: string) => search.search(lang, query).map((h) => h.id);

describe('foldTerm', () => {
  it('lowercases and drops accents', () => {
    expect(foldTerm('Coágulo')).toBe('coagulo');
    expect(foldTerm('CÁLAMBRE')).toBe('calambre');
    expect(foldTerm('niño')).toBe('nino');
    expect(foldTerm('pingüino')).toBe('pinguino');
  });

  it('drops direction marks and zero-width joiners, which right-to-left text carries', () => {
    expect(foldTerm('\u202Efever\u202C')).toBe('fever');
    expect(foldTerm('\u200Fحمى\u200E')).toBe('حمى');
  });
});

describe('HandoutSearch over the shipped library', () => {
  it('finds a handout by a lay word or synonym from its keywords', () => {
    expect(ids('en', 'charley horse')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('en', 'charley')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('en', 'blood clot')[0]).toBe('dvt-blood-clots');
    expect(ids('es', 'calambres')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('en', 'hay fever')[0]).toBe('seasonal-allergies');
    expect(ids('es', 'calentura')[0]).toBe('fever');
  });

  it.each([
    ['en', 'stomach bug', 'staying-hydrated'],
    ['en', 'visiting hours', 'visitor-policy'],
    ['en', 'blood thinner', 'dvt-blood-clots'],
    ['en', 'wash hands', 'cover-coughs-clean-hands'],
    ['en', 'watery eyes', 'seasonal-allergies'],
    ['es', 'gripa', 'flu-vaccine'],
    ['es', 'vomitar', 'staying-hydrated'],
    ['es', 'embarazada', 'leg-cramps-pregnancy'],
    ['es', 'anticoagulante', 'dvt-blood-clots'],
    ['es', 'tapabocas', 'cover-coughs-clean-hands'],
  ] as const)('finds the handout a lay word is about: %s "%s"', (lang, query, id) => {
    expect(ids(lang, query)[0]).toBe(id);
  });

  it('forgives a typo', () => {
    expect(ids('en', 'fevr')[0]).toBe('fever');
    expect(ids('en', 'blod clot')[0]).toBe('dvt-blood-clots');
    expect(ids('es', 'calambers')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('es', 'fiebr')[0]).toBe('fever');
  });

  it('matches the start of a word, as it is being typed', () => {
    expect(ids('en', 'pre')).toContain('leg-cramps-pregnancy');
    expect(ids('en', 'flu')).toContain('flu-vaccine');
    expect(ids('en', 'flu')[0]).toBe('flu-vaccine');
    expect(ids('en', 'char')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('es', 'emba')[0]).toBe('leg-cramps-pregnancy');
  });

  it('ignores accents in the query and in the content (Spanish)', () => {
    expect(ids('es', 'coagulo')[0]).toBe('dvt-blood-clots');
    expect(ids('es', 'coágulo')[0]).toBe('dvt-blood-clots');
    expect(ids('es', 'calambre')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('es', 'cálambre')[0]).toBe('leg-cramps-pregnancy');
    expect(ids('es', 'deshidratacion')[0]).toBe('staying-hydrated');
    expect(ids('es', 'ninos')).toContain('fever');
  });

  it('answers in the language asked for, and only in it', () => {
    const es = search.search('es', 'calambres');
    expect(es.length).toBeGreaterThan(0);
    for (const h of es) expect(h.lang).toBe('es');
    expect(es[0]!.title).toBe(library.get('leg-cramps-pregnancy', 'es')!.title);
    // English lay words are not in the Spanish index.
    expect(ids('es', 'charley horse')).toEqual([]);
    for (const h of search.search('en', 'fever')) expect(h.lang).toBe('en');
  });

  it('returns the same summary as the handout list', () => {
    const listed = library.list('en').handouts.find((h) => h.id === 'fever');
    expect(search.search('en', 'fever')[0]).toEqual(listed);
  });

  it('keeps to every word when it can, and falls back to any word when no handout has them all', () => {
    expect(ids('en', 'leg cramps')[0]).toBe('leg-cramps-pregnancy');
    // "zebra" is in no handout: the words that are still find the handout.
    expect(ids('en', 'charley horse zebra')[0]).toBe('leg-cramps-pregnancy');
  });

  it('drops filler words but keeps the one being typed', () => {
    expect(ids('en', 'the flu shot')[0]).toBe('flu-vaccine');
    expect(ids('es', 'dolor de pierna')).toContain('dvt-blood-clots');
    expect(ids('es', 'de').length).toBeGreaterThan(0);
    // A filler word just typed after a real one does not change the list.
    expect(ids('es', 'dolor de')).toEqual(ids('es', 'dolor'));
  });

  it('finds nothing for a word in no handout, or for an empty query', () => {
    expect(ids('en', 'xyzzy')).toEqual([]);
    expect(ids('en', '')).toEqual([]);
    expect(ids('en', '   ')).toEqual([]);
    expect(ids('es', ' , . ')).toEqual([]);
  });

  it('returns at most `limit` handouts', () => {
    expect(search.search('en', 'co', 2)).toHaveLength(2);
  });

  it('waits for a second letter: one letter alone finds nothing, and a last word of one letter changes nothing yet', () => {
    expect(ids('en', 'c')).toEqual([]);
    expect(ids('es', 'd')).toEqual([]);
    expect(ids('en', 'leg c')).toEqual(ids('en', 'leg'));
    expect(ids('en', 'leg cr')[0]).toBe('leg-cramps-pregnancy');
  });
});

describe('content:search through the dispatcher', () => {
  const log = new RecordingLogger();
  const dispatch = () => createDispatcher(handlersWith({ 'content:search': ({ lang, query }) => ({ handouts: search.search(lang, query) }) }), log);

  it('answers handouts for a query', async () => {
    const result = await dispatch()('content:search', { lang: 'en', query: 'charley horse' });
    expect(result.ok && (result.value as { handouts: Array<{ id: string }> }).handouts[0]!.id).toBe('leg-cramps-pregnancy');
  });

  it('trims the query and takes up to 100 characters', async () => {
    const result = await dispatch()('content:search', { lang: 'es', query: '  calambres  ' });
    expect(result.ok && (result.value as { handouts: Array<{ id: string }> }).handouts[0]!.id).toBe('leg-cramps-pregnancy');
    expect(await dispatch()('content:search', { lang: 'en', query: 'a'.repeat(100) })).toMatchObject({ ok: true });
  });

  it('refuses a query over 100 characters, an unknown language or extra fields', async () => {
    expect(await dispatch()('content:search', { lang: 'en', query: 'a'.repeat(101) })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch()('content:search', { lang: 'French', query: 'fever' })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch()('content:search', { lang: 'en', query: 'fever', limit: 1000 })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch()('content:search', { lang: 'en' })).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
