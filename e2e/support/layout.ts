import { expect, type Page } from '@playwright/test';
import { INTERACTIVE, nested, reachableTargets, shownTargets } from './audit';

/** Screen shapes a clinic mounts: portrait floor stand, landscape wall, tablet. */
export const SHAPES = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'tablet', width: 1280, height: 800 },
] as const;

/** A region that scrolls must show at least this many lines of text (in rem), or it is as good as clipped. */
const MIN_SCROLL_REM = 3;

/**
 * What is wrong with how the page is laid out now, in words (empty when nothing is):
 * - the document is wider than the screen;
 * - an element cuts off its content (overflow hidden or clip, text-overflow), or text sticks
 *   out of its button; a region meant to scroll (the handout list, a preview) may overflow,
 *   but must then be tall enough to read and scroll;
 * - something other than a dialog lies over a target, or two targets a finger can reach
 *   overlap (one inside the other is fine);
 * - a screen's actions, or a dialog, are not wholly on screen.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  const inPage = await page.evaluate(
    ({ interactive, minScrollRem }) => {
      const problems: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) problems.push(`the page is ${doc.scrollWidth - doc.clientWidth} px wider than the screen`);
      const rem = parseFloat(getComputedStyle(doc).fontSize);
      const name = (el: Element) => {
        const screen = el.getAttribute('data-screen');
        const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30);
        const classes = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        return `${el.tagName.toLowerCase()}${screen ? `[data-screen=${screen}]` : ''}${classes} "${label}"`;
      };
      const clips = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
      const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
      for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
        const style = getComputedStyle(el);
        // Not shown, or visually hidden text for screen readers (clipped on purpose to 1 px).
        if (style.visibility !== 'visible' || el.clientWidth <= 2 || el.clientHeight <= 2) continue;
        const wider = el.scrollWidth - el.clientWidth;
        const taller = el.scrollHeight - el.clientHeight;
        if (wider > 1 && (clips(style.overflowX) || style.textOverflow !== 'clip'))
          problems.push(`${name(el)} cuts off ${wider} px of its content at the side`);
        if (taller > 1 && clips(style.overflowY)) problems.push(`${name(el)} cuts off ${taller} px of its content at the bottom`);
        if (el.matches(interactive) && !clips(style.overflowX) && !scrolls(style.overflowX) && (wider > 1 || taller > 1))
          problems.push(`${name(el)}: its text sticks out by ${wider}x${taller} px`);
        if (taller > 1 && scrolls(style.overflowY) && el.clientHeight < minScrollRem * rem)
          problems.push(`${name(el)} scrolls but shows only ${el.clientHeight} px`);
      }
      const inView = (box: DOMRect) => box.left >= -0.5 && box.top >= -0.5 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
      for (const el of document.querySelectorAll<HTMLElement>('.screen-actions, .dialog')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && !inView(box))
          problems.push(
            `${name(el)} is not wholly on screen: ${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}`,
          );
      }
      return problems;
    },
    { interactive: INTERACTIVE, minScrollRem: MIN_SCROLL_REM },
  );
  const covered = (await shownTargets(page)).filter(({ hit }) => hit !== 'self' && hit !== 'dialog').map(({ name, hit }) => `${name} is covered by ${hit}`);
  const targets = await reachableTargets(page);
  const overlapping = targets.flatMap((a, i) =>
    targets.flatMap((b, j) => {
      if (j <= i || nested(targets, i, j)) return [];
      const overlap =
        Math.min(a.shown.right, b.shown.right) > Math.max(a.shown.left, b.shown.left) &&
        Math.min(a.shown.bottom, b.shown.bottom) > Math.max(a.shown.top, b.shown.top);
      return overlap ? [`${a.name} and ${b.name} overlap`] : [];
    }),
  );
  return [...inPage, ...covered, ...overlapping];
}

/** No layout problems on this screen; soft, so one run reports every screen's problems. */
export async function expectLaidOut(page: Page, screen: string): Promise<void> {
  expect.soft(await layoutProblems(page), `layout of ${screen}`).toEqual([]);
}
