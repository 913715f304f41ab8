import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandoutLibrary } from '../services/content/handout-library';
import { BIG_TOPIC, writeBigLibrary } from './big-library';

describe('writeBigLibrary', () => {
  it('writes a library the kiosk loads without a problem, in both languages, with one big topic', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-big-'));
    try {
      await writeBigLibrary(dir, 60, 25);
      const library = await HandoutLibrary.load(dir);
      expect(library.problems).toEqual([]);
      const en = library.list('en');
      const es = library.list('es');
      expect(en.handouts).toHaveLength(60);
      expect(es.handouts).toHaveLength(60);
      expect(en.handouts.filter((h) => h.topics.includes(BIG_TOPIC))).toHaveLength(25);
      expect(library.get('handout-13', 'es')?.title).toBe('Hinchazón de espalda 13');
      expect(library.get('handout-13', 'en')?.related).toEqual([{ id: 'handout-12', title: 'Back pain 12' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
