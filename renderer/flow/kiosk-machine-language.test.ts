import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { Language } from '../../electron/contract/config';
import type { HandoutLibrary } from './kiosk-machine';
import { fakePrint, libraryOf, start, toHandouts, toOutcome, type Started } from './kiosk-machine-harness';

/** A host whose answers for the handouts list the test gives out one by one, in any order. */
function controlledLibrary() {
  const asked: Array<{ lang: Language; answer: (library: HandoutLibrary) => void; fail: () => void }> = [];
  const listHandouts = (lang: Language) =>
    new Promise<HandoutLibrary>((resolve, reject) => asked.push({ lang, answer: resolve, fail: () => reject(new Error('host gone')) }));
  return { asked, listHandouts };
}

const libraryKnown = (k: Started) => waitFor(k.actor, (s) => s.context.library !== 'loading');

describe('the handouts library and a language switch', () => {
  it('the handouts screen asks for the library in the session language', async () => {
    const host = controlledLibrary();
    const k = start({ listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'NEXT' });
    expect(k.context().library).toBe('loading');
    expect(host.asked.map((a) => a.lang)).toEqual(['es']);
    host.asked[0]!.answer(libraryOf(['fever'], 'es'));
    await libraryKnown(k);
    expect(k.context().library).toEqual(libraryOf(['fever'], 'es'));
  });

  it('a chosen handout the new language lacks is let go; the rest stay chosen and print in it', async () => {
    const fake = fakePrint();
    const k = start({
      print: fake.print,
      listHandouts: async (lang) => libraryOf(lang === 'en' ? ['fever', 'flu-vaccine', 'cough'] : ['fever', 'cough'], lang),
    });
    toOutcome(k);
    await toHandouts(k);
    for (const id of ['flu-vaccine', 'fever']) k.actor.send({ type: 'TOGGLE_HANDOUT', id });
    expect(k.context().selected).toEqual(['flu-vaccine', 'fever']);

    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    expect(k.context().library).toBe('loading');
    await libraryKnown(k);
    expect(k.context().selected).toEqual(['fever']);

    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(fake.requests).toEqual([{ kind: 'handouts', lang: 'es', ids: ['fever'] }]);
  });

  it('nothing prints while the new language’s library is on its way', async () => {
    const host = controlledLibrary();
    const fake = fakePrint();
    const k = start({ print: fake.print, listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    host.asked[0]!.answer(libraryOf(['fever', 'flu-vaccine']));
    await libraryKnown(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'flu-vaccine' });

    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(k.state()).toBe('handouts');
    expect(fake.requests).toEqual([]);
    host.asked[1]!.answer(libraryOf(['fever'], 'es'));
    await libraryKnown(k);
    expect(k.context().selected).toEqual([]);
  });

  it('a late answer in the language just left changes nothing', async () => {
    const host = controlledLibrary();
    const k = start({ listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    expect(host.asked.map((a) => a.lang)).toEqual(['en', 'es']);

    host.asked[1]!.answer(libraryOf(['fever'], 'es'));
    await libraryKnown(k);
    host.asked[0]!.answer(libraryOf(['fever', 'flu-vaccine'], 'en'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(k.context().library).toEqual(libraryOf(['fever'], 'es'));
  });

  it('choosing the language already shown asks nothing again', async () => {
    const host = controlledLibrary();
    const k = start({ listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    host.asked[0]!.answer(libraryOf(['fever']));
    await libraryKnown(k);
    k.actor.send({ type: 'SET_LANG', lang: 'en' });
    expect(host.asked).toHaveLength(1);
    expect(k.context().library).not.toBe('loading');
  });

  it('a host that cannot list keeps the choices (nothing known to let go) and printing may still be tried', async () => {
    const host = controlledLibrary();
    const fake = fakePrint();
    const k = start({ print: fake.print, listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    host.asked[0]!.answer(libraryOf(['fever']));
    await libraryKnown(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    host.asked[1]!.fail();
    await libraryKnown(k);
    expect(k.context().library).toBe('unavailable');
    expect(k.context().selected).toEqual(['fever']);
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(fake.requests).toEqual([{ kind: 'handouts', lang: 'es', ids: ['fever'] }]);
  });

  it('a switch before the handouts screen lets nothing go: there is nothing chosen yet', () => {
    const host = controlledLibrary();
    const k = start({ listHandouts: host.listHandouts });
    toOutcome(k);
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    expect(host.asked).toEqual([]);
    expect(k.context().lang).toBe('es');
  });
});
