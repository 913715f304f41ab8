/** The parts of a DOM node the reader looks at (a real Element or Text, or a test's stand-in). */
export interface ReadableNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<ReadableNode>;
}
export interface ReadableElement extends ReadableNode {
  tagName: string;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  /** Chromium's own answer (display, visibility, content-visibility); absent means visible. */
  checkVisibility?(options?: { visibilityProperty?: boolean }): boolean;
}

const ELEMENT = 1;
const TEXT = 3;
/** Each of these is a part of its own: a pause before and after it when read. */
const BLOCKS = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
  'LI',
  'DIV',
  'SECTION',
  'ARTICLE',
  'FIGURE',
  'FIGCAPTION',
  'DT',
  'DD',
  'LABEL',
  'LEGEND',
  'TD',
  'TH',
  'OUTPUT',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'TABLE',
  'TR',
  'FORM',
  'FIELDSET',
  'HEADER',
  'FOOTER',
  'MAIN',
  'DIALOG',
]);
const NEVER = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const BUTTON_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem']);

export interface ReadingWords {
  /** How a button is read: "Yes, button" (the name first, as screen readers say it). */
  button: (name: string) => string;
  /** Elements read by their label alone (a keyboard's 30 keys would bury the screen). */
  labelOnly?: string;
  /** Whether an element stands on its own line (in a page: its computed display); by tag name otherwise. */
  isBlock?: (element: ReadableElement) => boolean;
}

const isElement = (node: ReadableNode): node is ReadableElement => node.nodeType === ELEMENT;

function hidden(element: ReadableElement): boolean {
  return (
    NEVER.has(element.tagName) ||
    element.getAttribute('hidden') !== null ||
    element.getAttribute('aria-hidden') === 'true' ||
    element.checkVisibility?.({ visibilityProperty: true }) === false
  );
}

/**
 * What a screen says, in reading order, as parts to speak one after another: each heading,
 * paragraph and list item a part, each button its own part named as a button ("Yes, button":
 * a person who cannot see must know which words they can touch). Hidden things are skipped.
 * An image is read by its text alternative; a labelled group (the topics, the search) says its
 * label, then what is in it, as a screen reader does.
 */
export function screenText(root: ReadableNode, words: ReadingWords): string[] {
  const parts: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) parts.push(text);
    line = '';
  };
  const walk = (node: ReadableNode): void => {
    if (node.nodeType === TEXT) {
      line += node.textContent ?? '';
      return;
    }
    if (!isElement(node) || hidden(node)) return;
    const label = node.getAttribute('aria-label') ?? (node.tagName === 'IMG' ? node.getAttribute('alt') : null);
    const isButton = node.tagName === 'BUTTON' || BUTTON_ROLES.has(node.getAttribute('role') ?? '');
    if (isButton) {
      flush();
      line = label ?? innerText(node);
      const name = line.replace(/\s+/g, ' ').trim();
      line = name ? words.button(name) : '';
      flush();
      return;
    }
    const block = node.tagName === 'BR' || (words.isBlock ? words.isBlock(node) : BLOCKS.has(node.tagName));
    if (block) flush();
    const labelOnly = node.tagName === 'IMG' || node.getAttribute('role') === 'img' || (words.labelOnly !== undefined && node.matches(words.labelOnly));
    if (labelOnly) line += ` ${label ?? ''} `;
    else {
      // A labelled group or region is named, then read through, as a screen reader does.
      if (label) {
        flush();
        line = label;
        flush();
      }
      for (const child of Array.from(node.childNodes)) walk(child);
    }
    if (block) flush();
  };
  /** A button's visible words, hidden parts (icons) left out. */
  const innerText = (node: ReadableNode): string => {
    if (node.nodeType === TEXT) return node.textContent ?? '';
    if (!isElement(node) || hidden(node)) return '';
    return Array.from(node.childNodes).map(innerText).join('');
  };
  walk(root);
  flush();
  return parts;
}
