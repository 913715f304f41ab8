import { expect } from '@playwright/test';
import { holdPrinting, WORDS, type KioskPage, type WalkLanguage } from '../pages/kiosk-page';

/**
 * Walks every screen a person or staff can meet, in one page, calling `look` on each as it
 * shows (named `01-welcome` to `17-out-of-service`, in the order met): the come-in path, the
 * health library (a preview, a search on the on-screen keyboard), printing, done, stay-out, a
 * visitor turned away, the idle warning, the staff PIN pad and screen, and last out of service.
 * From the idle warning on, the page runs on Playwright's clock (installed to jump to the
 * warning; it still runs on its own).
 */
export async function walkEveryScreen(kiosk: KioskPage, language: WalkLanguage, look: (screen: string) => Promise<void>): Promise<void> {
  const w = WORDS[language];
  const page = kiosk.page;
  /** From Welcome (every session starts in the default language) to the policy, in this language. */
  const begin = async () => {
    await kiosk.expectScreen('welcome');
    if (language !== 'English') await kiosk.chooseLanguage(language);
    await kiosk.start();
  };

  // The come-in path, the health library and printing.
  await kiosk.expectScreen('welcome');
  if (language !== 'English') await kiosk.chooseLanguage(language);
  await look('01-welcome');
  await kiosk.start();
  await look('02-policy');
  await kiosk.choose(w.patient);
  await look('03-question');
  await kiosk.answer([false, false, false, false], w.yes, w.no);
  await kiosk.expectScreen('come-in');
  await look('04-come-in');
  await kiosk.button(w.handouts).click();
  await kiosk.expectScreen('reason');
  await look('05-reason');
  await kiosk.button(w.skip).click();
  await expect(page.locator('[data-handout]').first()).toBeVisible();
  await kiosk.button(w.add).first().click();
  await look('06-handouts');
  await kiosk.button(w.read).first().click();
  await expect(kiosk.screen('handout-preview').getByRole('note')).toBeVisible();
  await look('07-handout-preview');
  await kiosk.button(w.close).click();
  await kiosk.button(w.search).click();
  await kiosk.searchFor(w.word);
  await expect(page.locator('.search-results [data-handout]').first()).toBeVisible();
  await look('08-search-keyboard');
  const printing = await holdPrinting(page);
  await kiosk.button(w.print).click();
  await kiosk.expectScreen('printing');
  await look('09-printing');
  printing.release();
  await kiosk.expectScreen('printed-done');
  await look('10-printed');
  await kiosk.button(w.continue).click();
  await kiosk.expectScreen('done');
  await look('11-done');
  await kiosk.button(w.done).click();

  // Stay out, and a visitor turned away.
  await begin();
  await kiosk.choose(w.patient);
  await kiosk.answer([false, false, false, true], w.yes, w.no);
  await kiosk.expectScreen('stay-out');
  await look('12-stay-out');
  await kiosk.button(w.done).click();
  await kiosk.button(w.done).click();
  await begin();
  await kiosk.choose(w.visitor);
  await kiosk.expectScreen('turned-away');
  await look('13-turned-away');
  await kiosk.button(w.ok).click();

  // A session left alone warns before it starts over.
  await page.clock.install();
  await begin();
  await page.clock.runFor(60_000);
  await kiosk.expectScreen('idle');
  await look('14-idle-warning');
  await kiosk.button(w.moreTime).click();

  // Staff, over a session in this language, and last, out of service.
  await kiosk.openStaffPinPad();
  await look('15-staff-pin');
  await kiosk.enterPin('1234');
  await expect(kiosk.screen('staff').locator('.staff-counts')).toBeVisible();
  await look('16-staff');
  await kiosk.button(w.takeOut).click();
  await kiosk.button(w.back).click();
  await kiosk.expectScreen('out-of-service');
  await look('17-out-of-service');
}
