import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createDispatcher } from '../api-router';
import { handlersWith } from '../../testing/handlers';
import { writeBigLibrary } from '../../testing/big-library';
import { HandoutLibrary } from './handout-library';
import { HandoutSearch } from './handout-search';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const shipped = await HandoutLibrary.load(join(import.meta.dirname, '../../../content'));
const search = HandoutSearch.build(shipped);
// Only content:search is measured; the rest are never called here.
const dispatch = createDispatcher(handlersWith({ 'content:search': ({ lang, query }) => ({ handouts: search.search(lang, query) }) }), silent);

// A clinic's own library can be large: 2,000 made-up handouts per language.
const bigDir = await mkdtemp(join(tmpdir(), 'search-bench-'));
await writeBigLibrary(bigDir, 2000, 100);
const big = await HandoutLibrary.load(bigDir);
const bigSearch = HandoutSearch.build(big);
afterAll(() => rm(bigDir, { recursive: true, force: true }));

describe('handout search (each key press)', () => {
  bench('content:search "charley horse" through the dispatcher (shipped library)', async () => {
    await dispatch('content:search', { lang: 'en', query: 'charley horse' });
  });
  bench('search "blod clot" (typo: fuzzy) in the shipped library', () => {
    search.search('en', 'blod clot');
  });
  bench('search "co" (two letters: prefix over many words) in the shipped library', () => {
    search.search('es', 'co');
  });
  bench('build the index for the shipped library (each config or content load)', () => {
    HandoutSearch.build(shipped);
  });
  bench(
    'build the index for 2,000 handouts per language',
    () => {
      HandoutSearch.build(big);
    },
    { iterations: 5 },
  );
  bench('search "knee pain" in 2,000 handouts per language', () => {
    bigSearch.search('en', 'knee pain');
  });
  bench('search "de" (a filler word that could be the start of one) in 2,000 handouts per language', () => {
    bigSearch.search('es', 'de');
  });
  bench('search "rodila" (typo) in 2,000 handouts per language', () => {
    bigSearch.search('es', 'rodila');
  });
});
