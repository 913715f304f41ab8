import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { BIG_TOPIC, writeBigLibrary } from '../../testing/big-library';
import { HandoutLibrary } from './handout-library';
import { HandoutSearch } from './handout-search';
import { buildBundle, loadContent } from './library-bundle';

// 10,000 handouts in English and Spanish (20,000 files), written once for these benchmarks.
const dir = await mkdtemp(join(tmpdir(), 'kiosk-big-bench-'));
await writeBigLibrary(dir);
const { library } = await buildBundle(dir);
const savedIndexes = HandoutSearch.build(library).save();
afterAll(() => rm(dir, { recursive: true, force: true }));
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('a 10,000-handout library', () => {
  bench(
    'start-up without a bundle: read and check every Markdown file, build the indexes',
    async () => {
      const markdown = await HandoutLibrary.load(dir);
      HandoutSearch.build(markdown);
    },
    { iterations: 3, time: 0 },
  );
  bench(
    "start-up from library.bundle.json: read, check, load the first language's index",
    async () => {
      await loadContent(dir, silent, 'en');
    },
    { iterations: 5, time: 0 },
  );
  bench(
    "load one language's search index from the bundle",
    () => {
      HandoutSearch.load(library, savedIndexes, 'en', () => {});
    },
    { iterations: 10, time: 0 },
  );
  bench(
    "load both languages' search indexes from the bundle",
    () => {
      HandoutSearch.load(library, savedIndexes, 'en', () => {}).loadAll();
    },
    { iterations: 10, time: 0 },
  );
  bench('list one language (the handouts screen; sorted once, then cached)', () => {
    library.list('es');
  });
  bench(`the ${BIG_TOPIC} topic's 1,000 handouts`, () => {
    library.list('en').handouts.filter((h) => h.topics.includes(BIG_TOPIC));
  });
});
