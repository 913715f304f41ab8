import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { createDispatcher } from '../api-router';
import { handlersWith } from '../../testing/handlers';
import { HandoutLibrary } from './handout-library';

const contentDir = join(import.meta.dirname, '../../../content');
const library = await HandoutLibrary.load(contentDir);
const silent = { info: () => {}, warn: () => {}, error: () => {} };
// Only the content channels are measured; the rest are never called here.
const handlers = handlersWith({
  'content:list': ({ lang }) => library.list(lang),
  'content:get': ({ id, lang }) => library.get(id, lang)!,
});
const dispatch = createDispatcher(handlers, silent);

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
