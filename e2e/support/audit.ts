import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 level A and AA, as axe-core tags them. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The smallest touch target, in CSS px (larger than WCAG 2.2's 24: hands at a kiosk shake). */
const MIN_TARGET_PX = 48;

/** The least space between two targets, in CSS px: a finger aimed at one must not press the next. */
const MIN_GAP_PX = 4;

/** Interactive elements as a finger meets them: anything focusable or pressable. */
const INTERACTIVE = 'button, a[href], input, select, textarea, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="radio"], [tabindex]:not([tabindex="-1"])';

/** Zero axe-core violations of WCAG 2.2 AA on what the page shows now. */
async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(found, `axe-core on ${screen}`).toEqual([]);
}

/**
 * Measures every target a finger can reach now (shown, and not under a dialog or another layer):
 * each is at least MIN_TARGET_PX square, and no two are closer than MIN_GAP_PX (one inside the
 * other, such as a card in a scrolling list, is fine).
 */
export async function expectTouchTargets(page: Page, screen: string, hasTargets: boolean): Promise<void> {
  const { measured, small, crowded } = await page.evaluate(
    ({ selector, min, gap }) => {
      const onTop = (el: HTMLElement, box: DOMRect) => {
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && (el === hit || el.contains(hit));
      };
      const targets = [...document.querySelectorAll<HTMLElement>(selector)]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => box.width > 0 && box.height > 0 && onTop(el, box));
      const name = (el: HTMLElement) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
      const tooSmall = targets.filter(({ box }) => box.width < min || box.height < min).map(({ el, box }) => `${name(el)}: ${Math.round(box.width)}x${Math.round(box.height)}`);
      const tooClose: string[] = [];
      targets.forEach((a, i) => {
        for (const b of targets.slice(i + 1)) {
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const apart = Math.max(b.box.left - a.box.right, a.box.left - b.box.right, b.box.top - a.box.bottom, a.box.top - b.box.bottom);
          if (apart < gap) tooClose.push(`${name(a.el)} and ${name(b.el)}: ${Math.round(apart)} px apart`);
        }
      });
      return { measured: targets.length, small: tooSmall, crowded: tooClose };
    },
    { selector: INTERACTIVE, min: MIN_TARGET_PX, gap: MIN_GAP_PX },
  );
  // Guards the measuring itself: a screen with buttons must have some measured.
  expect(measured > 0, `targets a finger can reach on ${screen}`).toBe(hasTargets);
  expect(small, `targets under ${MIN_TARGET_PX}x${MIN_TARGET_PX} px on ${screen}`).toEqual([]);
  expect(crowded, `targets closer than ${MIN_GAP_PX} px on ${screen}`).toEqual([]);
}

/** On a portrait screen, the screen's actions sit in its lower half, in reach from a wheelchair. */
async function expectActionsInReach(page: Page, screen: string): Promise<void> {
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
