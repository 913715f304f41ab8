import { describe, expect, it } from 'vitest';
import { pseudoLocale, pseudoString } from './pseudo-locale';

describe('pseudoString', () => {
  it('accents every letter of en-XA inside brackets, keeping {{placeholders}} as they are', () => {
    expect(pseudoString('en-XA', 'Question {{current}} of {{total}}')).toBe('⟦Ǫüéšŧîöñ ⟧{{current}}⟦ öƒ ⟧{{total}}');
  });

  it('runs each ar-XB word right to left, outside the placeholders', () => {
    expect(pseudoString('ar-XB', 'Call {{phone}} right now')).toBe('\u202ECall\u202C {{phone}} \u202Eright\u202C \u202Enow\u202C');
  });

  it('keeps nesting and tags', () => {
    expect(pseudoString('en-XA', '$t(common.next) <1>here</1>')).toBe('$t(common.next)⟦ ⟧<1>⟦ĥéŕé⟧</1>');
  });
});

describe('pseudoLocale', () => {
  it('changes every string of a strings file but the keyboard letters', () => {
    const strings = { language: { name: 'English', keyboard: 'qwerty asdf' }, done: { title: 'Thank you' } };
    expect(pseudoLocale('en-XA', strings)).toEqual({
      language: { name: '⟦Éñĝļîšĥ⟧', keyboard: 'qwerty asdf' },
      done: { title: '⟦Ŧĥȧñķ ýöü⟧' },
    });
  });

  it("gives every plural form the language's rules use, from English's _other", () => {
    const strings = { found_one: '{{count}} handout found', found_other: '{{count}} handouts found' };
    expect(Object.keys(pseudoLocale('ar-XB', strings)).sort()).toEqual(['found_few', 'found_many', 'found_one', 'found_other', 'found_two', 'found_zero']);
    expect(pseudoLocale('ar-XB', strings).found_few).toBe(pseudoString('ar-XB', '{{count}} handouts found'));
    expect(Object.keys(pseudoLocale('en-XA', strings)).sort()).toEqual(['found_one', 'found_other']);
  });
});
