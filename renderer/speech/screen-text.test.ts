import { describe, expect, it } from 'vitest';
import { screenText, type ReadableNode } from './screen-text';

type Attrs = Record<string, string>;
type Child = FakeElement | string;

/** A tiny stand-in for DOM elements (these unit tests run in Node, without a DOM). */
class FakeElement implements ReadableNode {
  readonly nodeType = 1;
  readonly childNodes: ReadableNode[];
  constructor(
    readonly tagName: string,
    private readonly attrs: Attrs,
    children: Child[],
    private readonly visible = true,
  ) {
    this.childNodes = children.map((c) => (typeof c === 'string' ? { nodeType: 3, textContent: c, childNodes: [] } : c));
  }
  get textContent() {
    return null;
  }
  getAttribute(name: string) {
    return this.attrs[name] ?? null;
  }
  matches(selector: string) {
    return selector === `.${this.attrs.class}`;
  }
  checkVisibility() {
    return this.visible;
  }
}
const el = (tag: string, attrs: Attrs, ...children: Child[]) => new FakeElement(tag.toUpperCase(), attrs, children);
const words = { button: (name: string) => `${name}, button`, labelOnly: '.osk' };

describe('screenText', () => {
  it('reads headings, paragraphs and buttons in order, each a part, buttons named as buttons', () => {
    const main = el(
      'main',
      {},
      el(
        'div',
        {},
        el('p', {}, 'Question 1 of 4'),
        el('h1', {}, 'Do you have a ', el('strong', {}, 'fever'), '?'),
        el('p', {}, '  A temperature of 100 °F\n   or more. '),
      ),
      el('div', {}, el('button', {}, 'Yes'), el('button', {}, 'No')),
    );
    expect(screenText(main, words)).toEqual(['Question 1 of 4', 'Do you have a fever?', 'A temperature of 100 °F or more.', 'Yes, button', 'No, button']);
  });

  it('leaves out what is hidden: the hidden attribute, aria-hidden, not displayed, scripts', () => {
    const hiddenByStyle = new FakeElement('P', {}, ['invisible'], false);
    const main = el(
      'main',
      {},
      el('p', { hidden: '' }, 'hidden'),
      el('p', { 'aria-hidden': 'true' }, 'decor'),
      hiddenByStyle,
      el('script', {}, 'code'),
      el('p', {}, 'seen'),
    );
    expect(screenText(main, words)).toEqual(['seen']);
  });

  it("a button's name is its aria-label, else its visible words without its icon", () => {
    const main = el(
      'main',
      {},
      el('button', { 'aria-label': 'Close the handout' }, '×'),
      el('button', {}, el('svg', { 'aria-hidden': 'true' }), 'Print my handouts (', '2', ')'),
      el('div', { role: 'button' }, 'Fever'),
      el('button', {}, el('span', { 'aria-hidden': 'true' }, '★')),
    );
    expect(screenText(main, words)).toEqual(['Close the handout, button', 'Print my handouts (2), button', 'Fever, button']);
  });

  it('an image, or an element read by label only, is read as its label', () => {
    const keyboard = el('div', { class: 'osk', 'aria-label': 'Keyboard' }, el('button', {}, 'q'), el('button', {}, 'w'));
    const unlabelled = el('div', { class: 'osk' }, el('button', {}, 'q'));
    const main = el(
      'main',
      {},
      el('p', {}, 'Search'),
      keyboard,
      unlabelled,
      el('img', { alt: 'A thermometer' }),
      el('span', { role: 'img', 'aria-label': 'Stop' }, '⊖'),
    );
    expect(screenText(main, words)).toEqual(['Search', 'Keyboard', 'A thermometer Stop']);
  });

  it('a labelled group or region says its label, then what is in it', () => {
    const topics = el('div', { role: 'group', 'aria-label': 'Browse by topic' }, el('button', {}, 'Fever (2)'), el('button', {}, 'Pregnancy (1)'));
    const search = el('section', { 'aria-label': 'Search' }, el('p', {}, '2 handouts found'), el('h3', {}, 'Fever'));
    expect(screenText(el('main', {}, topics, search), words)).toEqual([
      'Browse by topic',
      'Fever (2), button',
      'Pregnancy (1), button',
      'Search',
      '2 handouts found',
      'Fever',
    ]);
  });

  it('in a page, what stands on its own line is told by the page (two spans shown as lines are two parts)', () => {
    const eyebrow = el('p', {}, el('span', { class: 'line' }, 'About the patient'), el('span', { class: 'line' }, 'Question 1 of 4'));
    const isBlock = (e: { matches(s: string): boolean }) => e.matches('.line');
    expect(screenText(el('main', {}, eyebrow), { ...words, isBlock })).toEqual(['About the patient', 'Question 1 of 4']);
    expect(screenText(el('main', {}, eyebrow), words)).toEqual(['About the patientQuestion 1 of 4']);
  });

  it('says nothing for an empty screen', () => {
    expect(screenText(el('main', {}, el('div', {}, ' ')), words)).toEqual([]);
  });
});
