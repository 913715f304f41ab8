import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoConfig, merge, startHost } from '../fixtures/kiosk-host';
import { KioskPage } from '../pages/kiosk-page';
import { pseudoConfig, say, writePseudoContent } from '../support/pseudo-kiosk';

/**
 * Right to left, with the pseudo-locale ar-XB (English words run right to left): the page says
 * dir="rtl", the layout mirrors, and the phone number still reads left to right. (A number in a
 * sentence does by the bidi rules; the pseudo-locale keeps numbers outside its overrides.)
 */
const s = (key: string, values?: Record<string, string | number>) => say('ar-XB', key, values);

let contentDir: string;
let stop: () => Promise<void>;
let kiosk: KioskPage;

test.beforeAll(async () => {
  contentDir = await mkdtemp(join(tmpdir(), 'kiosk-rtl-'));
  await writePseudoContent(contentDir, 'ar-XB');
});
test.afterAll(() => rm(contentDir, { recursive: true, force: true }));

/** Starts a host offering ar-XB first, with `overrides` on the demo config, and opens the kiosk. */
async function open(page: Page, overrides: Record<string, unknown> = {}) {
  const started = await startHost(merge(pseudoConfig(await demoConfig(), 'ar-XB', contentDir), overrides));
  stop = started.stop;
  kiosk = new KioskPage(page, started.host.url);
  await kiosk.open();
}
test.afterEach(() => stop());

const left = async (locator: Locator) => (await locator.boundingBox())!.x;

/** Where each character of the first match of `pattern` in `locator`'s text is drawn: left edges in px, in reading order. */
function charLefts(locator: Locator, pattern: RegExp): Promise<number[]> {
  return locator.evaluate((el, source) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = new RegExp(source).exec(node.textContent!);
      if (!match) continue;
      return [...match[0]].map((_, i) => {
        const range = document.createRange();
        range.setStart(node!, match.index + i);
        range.setEnd(node!, match.index + i + 1);
        return range.getBoundingClientRect().left;
      });
    }
    throw new Error(`${source} is not in ${el.outerHTML}`);
  }, pattern.source);
}

/** Characters drawn left to right, as numbers must be. */
const expectLeftToRight = (lefts: number[]) => expect(lefts, `${lefts}`).toEqual([...lefts].sort((a, b) => a - b));

/** Where a block's text starts: its first line's edge nearest `side`, against the block's own edge there. */
async function textGap(locator: Locator, side: 'left' | 'right'): Promise<number> {
  return locator.evaluate((el, side) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const line = range.getClientRects()[0]!;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return side === 'left' ? line.left - box.left - parseFloat(style.paddingLeft) : box.right - parseFloat(style.paddingRight) - line.right;
  }, side);
}

async function toQuestion(page: Page) {
  await kiosk.button(s('welcome.start')).click();
  await kiosk.button(s('policy.party.patient')).click();
  await kiosk.expectScreen('question');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

test('the layout mirrors: the header, the question line, Yes and No, and text starts at the right', async ({ page }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await open(page);
  await toQuestion(page);
  await kiosk.snap('ar-XB/portrait/question');
  const header = page.locator('.kiosk-header');
  const yes = kiosk.button(s('screening.yes'));
  const no = kiosk.button(s('screening.no'));
  const who = page.locator('.screen-eyebrow > :first-child');
  const progress = page.locator('.progress');
  const rtl = {
    languages: await left(header.locator('.language-switch')),
    display: await left(header.locator('.display-switch')),
    yes: await left(yes),
    no: await left(no),
    who: await left(who),
    progress: await left(progress),
  };
  expect(await textGap(page.locator('h1'), 'right')).toBeLessThan(2);
  expect(await textGap(page.locator('h1'), 'left')).toBeGreaterThan(20);

  // The same screen in English, for comparison: every pair the other way round.
  await kiosk.button('English').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(await textGap(page.locator('h1'), 'left')).toBeLessThan(2);
  expect(rtl.languages).toBeLessThan(rtl.display);
  expect(await left(header.locator('.language-switch'))).toBeGreaterThan(await left(header.locator('.display-switch')));
  expect(rtl.yes).toBeGreaterThan(rtl.no);
  expect(await left(kiosk.button('Yes'))).toBeLessThan(await left(kiosk.button('No')));
  expect(rtl.who).toBeGreaterThan(rtl.progress);
  expect(await left(who)).toBeLessThan(await left(progress));
});

test('the phone number reads left to right', async ({ page }) => {
  await open(page);
  await toQuestion(page);
  await kiosk.button(s('screening.yes')).click();
  for (let i = 0; i < 3; i++) await kiosk.button(s('screening.no')).click();
  await kiosk.expectScreen('stay-out');
  const phone = page.getByTestId('office-phone');
  await expect(phone).toHaveText('(555) 010-0199');
  await kiosk.snap('ar-XB/portrait/stay-out');
  expectLeftToRight(await charLefts(phone, /.+/));
});
