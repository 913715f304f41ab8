import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 level A and AA, as axe-core tags them. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The smallest touch target, in CSS px (larger than WCAG 2.2's 24: hands at a kiosk shake). */
const MIN_TARGET_PX = 48;

/** The least space between two targets, in CSS px: a finger aimed at one must not press the next. */
const MIN_GAP_PX = 4;

/** Interactive elements as a finger meets them: anything focusable or pressable. */
export const INTERACTIVE =
  'button, a[href], input, select, textarea, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="radio"], [tabindex]:not([tabindex="-1"])';

/** Zero axe-core violations of WCAG 2.2 AA on what the page shows now. */
async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(found, `axe-core on ${screen}`).toEqual([]);
}

/** A target shown on the screen: its name, its whole box, the part of it not scrolled or clipped away, and what a finger meets there. */
export interface ShownTarget {
  name: string;
  box: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  shown: { left: number; top: number; right: number; bottom: number };
  /** Indices of the targets this one sits inside (a button in a card, a card in a list). */
  inside: number[];
  /**
   * What a finger meets at the middle of the shown part: the target itself, a dialog over it
   * (as meant), or the name of something else lying on top of it (a layout fault).
   */
  hit: 'self' | 'dialog' | string;
}

/**
 * Every target shown now (not hidden, not wholly scrolled or clipped away), with what a finger
 * meets at the middle of its shown part.
 */
export async function shownTargets(page: Page): Promise<ShownTarget[]> {
  return page.evaluate((selector) => {
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
    // The part of an element inside the viewport and inside every ancestor that clips it. An
    // ancestor clips only what it contains for layout: an absolutely positioned element escapes
    // every static ancestor up to its containing block, a fixed one all of them.
    const shownPart = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      let [left, top, right, bottom] = [Math.max(r.left, 0), Math.max(r.top, 0), Math.min(r.right, innerWidth), Math.min(r.bottom, innerHeight)];
      let position = getComputedStyle(el).position;
      for (let up = el.parentElement; up && position !== 'fixed'; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (position === 'absolute' && style.position === 'static' && style.transform === 'none') continue;
        position = style.position;
        if (style.overflow === 'visible') continue;
        const c = up.getBoundingClientRect();
        [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
      }
      return { left, top, right, bottom };
    };
    const hitAt = (el: HTMLElement, s: { left: number; top: number; right: number; bottom: number }) => {
      const hit = document.elementFromPoint((s.left + s.right) / 2, (s.top + s.bottom) / 2);
      if (hit && (el === hit || el.contains(hit))) return 'self';
      const dialog = hit?.closest('[aria-modal="true"]');
      return dialog && !dialog.contains(el) ? 'dialog' : hit ? name(hit) : 'nothing';
    };
    const found = [...document.querySelectorAll<HTMLElement>(selector)]
      .map((el) => ({ el, r: el.getBoundingClientRect(), shown: shownPart(el) }))
      .filter(
        ({ el, r, shown }) =>
          r.width > 0 && r.height > 0 && shown.right > shown.left && shown.bottom > shown.top && getComputedStyle(el).visibility === 'visible',
      );
    return found.map(({ el, r, shown }) => ({
      name: name(el),
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      shown,
      inside: found.flatMap((other, i) => (other.el !== el && other.el.contains(el) ? [i] : [])),
      hit: hitAt(el, shown),
    }));
  }, INTERACTIVE);
}

/** The targets a finger can reach now: shown, and on top (not under a dialog or anything else). */
export async function reachableTargets(page: Page): Promise<ShownTarget[]> {
  const targets = await shownTargets(page);
  // `inside` holds indices into the list it came in: renumbered for the shorter one.
  const kept = targets.flatMap((t, i) => (t.hit === 'self' ? [i] : []));
  return kept.map((i) => ({ ...targets[i]!, inside: targets[i]!.inside.flatMap((j) => (kept.includes(j) ? [kept.indexOf(j)] : [])) }));
}

/** Whether one target sits inside the other (a card in a scrolling list and its buttons): not two targets side by side. */
export const nested = (targets: ShownTarget[], a: number, b: number): boolean => targets[a]!.inside.includes(b) || targets[b]!.inside.includes(a);

/**
 * Measures every target a finger can reach now: each is at least MIN_TARGET_PX square, and no
 * two are closer than MIN_GAP_PX (one inside the other, such as a card in a scrolling list, is fine).
 */
export async function expectTouchTargets(page: Page, screen: string, hasTargets: boolean): Promise<void> {
  const targets = await reachableTargets(page);
  const small = targets
    .filter(({ box }) => box.width < MIN_TARGET_PX || box.height < MIN_TARGET_PX)
    .map(({ name, box }) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`);
  const crowded: string[] = [];
  targets.forEach((a, i) => {
    targets.forEach((b, j) => {
      if (j <= i || nested(targets, i, j)) return;
      // Measured between the parts shown: a finger cannot press what is scrolled away.
      const apart = Math.max(b.shown.left - a.shown.right, a.shown.left - b.shown.right, b.shown.top - a.shown.bottom, a.shown.top - b.shown.bottom);
      if (apart < MIN_GAP_PX) crowded.push(`${a.name} and ${b.name}: ${Math.round(apart)} px apart`);
    });
  });
  // Guards the measuring itself: a screen with buttons must have some measured.
  expect(targets.length > 0, `targets a finger can reach on ${screen}`).toBe(hasTargets);
  expect(small, `targets under ${MIN_TARGET_PX}x${MIN_TARGET_PX} px on ${screen}`).toEqual([]);
  expect(crowded, `targets closer than ${MIN_GAP_PX} px on ${screen}`).toEqual([]);
}

/** On a portrait screen, the screen's actions sit in its lower half, in reach from a wheelchair. */
export async function expectActionsInReach(page: Page, screen: string): Promise<void> {
  const actions = await page.evaluate(() => {
    const box = document.querySelector('.screen-actions')?.getBoundingClientRect();
    return box && box.height > 0 ? { top: box.top, height: window.innerHeight, portrait: window.innerHeight > window.innerWidth } : null;
  });
  if (!actions?.portrait) return;
  expect(actions.top, `the actions' top on ${screen}, of a ${actions.height} px high screen`).toBeGreaterThanOrEqual(actions.height / 2);
}

/** Every check, for one screen as it is shown; `hasTargets: false` for a screen with nothing to press. */
export async function audit(page: Page, screen: string, { hasTargets = true } = {}): Promise<void> {
  await expectNoAxeViolations(page, screen);
  await expectTouchTargets(page, screen, hasTargets);
  await expectActionsInReach(page, screen);
}
