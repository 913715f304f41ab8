import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { BIG_TOPIC, writeBigLibrary } from '../testing/big-library';
import { HandoutLibrary } from './handout-library';

// 10,000 handouts in English and Spanish (20,000 files), written once for these benchmarks.
const dir = await mkdtemp(join(tmpdir(), 'kiosk-big-bench-'));
await writeBigLibrary(dir);
const library = await HandoutLibrary.load(dir);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a 10,000-handout library', () => {
  bench('load and validate every file (start-up)', async () => {
    await HandoutLibrary.load(dir);
  }, { iterations: 3, time: 0 });
  bench('list one language (the handouts screen; sorted once, then cached)', () => {
    library.list('es');
  });
  bench(`the ${BIG_TOPIC} topic's 1,000 handouts`, () => {
    library.list('en').handouts.filter((h) => h.topics.includes(BIG_TOPIC));
  });
});
