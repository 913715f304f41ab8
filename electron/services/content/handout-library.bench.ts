import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { createDispatcher } from '../api-router';
import { HandoutLibrary } from './handout-library';

const contentDir = join(import.meta.dirname, '../../../content');
const library = await HandoutLibrary.load(contentDir);
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const dispatch = createDispatcher(
  {
    'kiosk:state': () => ({ status: 'out-of-service', reason: 'config', source: '', problems: [] }),
    'content:list': ({ lang }) => library.list(lang),
    'content:get': ({ id, lang }) => library.get(id, lang)!,
    'print:submit': () => ({ id: 'job-x', state: 'done', pages: 0 }),
    'print:status': () => ({ id: 'job-x', state: 'done', pages: 0 }),
    'session:record': () => ({}),
    'session:end': () => ({}),
    'staff:unlock': () => ({ unlocked: true }),
  },
  silent,
);

describe('health library', () => {
  bench('load and validate the shipped library (start-up)', async () => {
    await HandoutLibrary.load(contentDir);
  });
  bench('content:list through the dispatcher (each handouts screen)', async () => {
    await dispatch('content:list', { lang: 'es' });
  });
  bench('content:get through the dispatcher (each preview)', async () => {
    await dispatch('content:get', { lang: 'en', id: 'leg-cramps-pregnancy' });
  });
});
